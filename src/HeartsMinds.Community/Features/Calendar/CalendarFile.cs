namespace HeartsMinds.Community.Features.Calendar;

/// <summary>A calendar ready to send: its text, when what it shows last changed, and a file name for downloads.</summary>
public sealed record CalendarFile(string Text, DateTimeOffset LastModified, string FileName);
