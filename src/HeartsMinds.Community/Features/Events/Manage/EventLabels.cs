namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>Words (and tag classes) for an event's kind and status, the same on every staff page.</summary>
public static class EventLabels
{
    public static string Kind(Event ev) => ev.IsOnline ? "Online" : "In person";
    public static string KindTag(Event ev) => ev.IsOnline ? "tag tag--online" : "tag tag--in-person";

    public static string Status(Event ev) => ev.Status switch
    {
        EventStatus.Draft => "Draft",
        EventStatus.Published => "Published",
        _ => "Cancelled",
    };

    public static string StatusTag(Event ev) => ev.Status switch
    {
        EventStatus.Published => "tag tag--open",
        EventStatus.Cancelled => "tag tag--full",
        _ => "tag",
    };

    /// <summary>Where staff change an event: online sessions have their own, shorter form.</summary>
    public static string EditLink(Event ev) => !ev.IsOnline ? $"/manage/events/{ev.Id}/edit" : $"/manage/conversation-space/sessions/{ev.Id}/edit";

    /// <summary>In-person events are checked in at the door; online sessions have attendance marked.</summary>
    public static string AttendanceLink(Event ev) => ev.IsOnline ? $"/manage/events/{ev.Id}/attendance" : $"/manage/events/{ev.Id}/check-in";
    public static string AttendanceName(Event ev) => ev.IsOnline ? "Attendance" : "Check-in";
}
