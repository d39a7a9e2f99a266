namespace HeartsMinds.Community.Features.Registrations;

public enum AttendeeStatus { Confirmed, Waitlisted, Cancelled }
