namespace HeartsMinds.Community.Features.Registrations;

/// <summary>Who a staff message goes to: everyone with a place, or everyone on the waitlist.</summary>
public enum StaffMessageAudience { Coming, Waiting }
