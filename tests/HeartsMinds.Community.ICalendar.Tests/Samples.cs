namespace HeartsMinds.Community.ICalendar.Tests;

/// <summary>Calendars shared by the tests: a Europe/London monthly series, an invite, and its cancellation.</summary>
public static class Samples
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly DateTime Stamp = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    public const string ProductId = "-//Hearts & Minds Partnership//Community//EN";
    public const string SeriesUid = "series-conversation-space@heartsminds.example";

    public static CalendarTime LondonTime(int year, int month, int day, int hour, int minute) =>
        CalendarTime.Local(new DateTime(year, month, day, hour, minute, 0), London);

    /// <summary>Second Tuesday of each month of 2026 at 12:30 London; June is cancelled and April moved.</summary>
    public static Calendar Series() => new(ProductId)
    {
        Events =
        [
            new CalendarEvent(SeriesUid, Stamp, LondonTime(2026, 1, 13, 12, 30))
            {
                End = LondonTime(2026, 1, 13, 14, 0),
                Summary = "Conversation Space",
                Description = "A monthly, informal meeting; all welcome.",
                Location = "Hearts & Minds Hub, 1 High Street",
                RecurrenceRule = "FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
                ExceptionDates = [LondonTime(2026, 6, 9, 12, 30)],
                Sequence = 0,
                Status = EventStatus.Confirmed,
            },
            new CalendarEvent(SeriesUid, Stamp, LondonTime(2026, 4, 16, 14, 0))
            {
                End = LondonTime(2026, 4, 16, 15, 30),
                RecurrenceId = LondonTime(2026, 4, 14, 12, 30),
                Summary = "Conversation Space (moved to Thursday)",
                Sequence = 1,
                Status = EventStatus.Confirmed,
            },
        ],
    };

    public static CalendarEvent InviteEvent(int sequence) =>
        new("event-42@heartsminds.example", Stamp, LondonTime(2026, 3, 31, 10, 0))
        {
            End = LondonTime(2026, 3, 31, 11, 30),
            Summary = "Carers' workshop: sleep, stress; and you",
            Description = "Bring a friend.\nJoin online: https://meet.example/abc?x=1&y=2",
            Location = "Online",
            Url = new Uri("https://community.heartsminds.example/events/42"),
            Sequence = sequence,
            Status = EventStatus.Confirmed,
            Organizer = new CalendarPerson("events@heartsminds.example", "Hearts & Minds Partnership"),
            Attendees = [new CalendarPerson("sam@acacia.example", "Sam O'Neil, Acacia: Family Support")],
            Alarms = [new CalendarAlarm(TimeSpan.FromDays(2), "Carers' workshop in two days"), new CalendarAlarm(TimeSpan.FromHours(1), "Starts in an hour")],
        };

    public static Calendar Invite() => new(ProductId) { Method = "REQUEST", Events = [InviteEvent(1)] };

    public static Calendar Cancel() => new(ProductId)
    {
        Method = "CANCEL",
        Events = [InviteEvent(2) with { Status = EventStatus.Cancelled, Alarms = [] }],
    };
}
