namespace HeartsMinds.Community.Features.Calendar;

/// <summary>An iMIP invitation: its iTIP method ("REQUEST" or "CANCEL") and the calendar that says the same.</summary>
public sealed record CalendarInvitation(string Method, string Content);
