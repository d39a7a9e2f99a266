namespace HeartsMinds.Community.Features.Calendar;

/// <summary>What happened when asking for an event's calendar file: it is there, never was, or was cancelled.</summary>
public enum CalendarFileState { Found, NotFound, Cancelled }
