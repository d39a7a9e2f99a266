using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Events;

/// <summary>Shared steps for the staff event tests: forms as staff fill them in, and reading pages as people see them.</summary>
internal static partial class ManageTesting
{
    public static DateOnly UkToday => EventTime.LocalDate(DateTimeOffset.UtcNow, EventTime.UkZoneId);

    /// <summary>A new series through the staff form; returns its id.</summary>
    public static async Task<long> CreateSeriesAsync(this HttpClient client, int monthsAhead = 3, int capacity = 30,
        string joiningUrl = "https://zoom.example/j/series-link", int weekOfMonth = 2, string day = "Tuesday")
    {
        var response = await client.SubmitAsync("/manage/conversation-space/new", SeriesFields(monthsAhead, capacity, joiningUrl, weekOfMonth, day));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    public static (string, string)[] SeriesFields(int monthsAhead = 3, int capacity = 30, string joiningUrl = "https://zoom.example/j/series-link",
        int weekOfMonth = 2, string day = "Tuesday", string start = "12:30", string end = "14:00") =>
    [
        ("Input.Title", "Conversation Space"), ("Input.Description", "A trusted space to **share learning**."),
        ("Input.WeekOfMonth", weekOfMonth.ToString()), ("Input.DayOfWeek", day), ("Input.StartTime", start), ("Input.EndTime", end),
        ("Input.Capacity", capacity.ToString()), ("Input.JoiningUrl", joiningUrl), ("Input.MonthsAhead", monthsAhead.ToString()),
        ("Input.StartsOn", UkToday.ToString("yyyy-MM-dd")), ("Input.WaitlistEnabled", "true"), ("Input.IsActive", "true"),
    ];

    public static (string, string)[] EventFields(DateOnly? date = null, string title = "Community day in Birmingham", string capacity = "40",
        string start = "10:30", string end = "15:00") =>
    [
        ("Input.Title", title), ("Input.Description", "Meet other services. **Lunch provided.**"),
        ("Input.Date", (date ?? UkToday.AddDays(30)).ToString("yyyy-MM-dd")), ("Input.StartTime", start), ("Input.EndTime", end),
        ("Input.VenueName", "The Community Hall"), ("Input.VenueAddress", "1 High Street\nBirmingham"), ("Input.VenuePostcode", "b1 1aa"),
        ("Input.MapUrl", "https://maps.example/community-hall"), ("Input.AccessibilityInfo", "Step-free entrance on Church Street."),
        ("Input.ArrivalNotes", "Ask for Sam at reception."), ("Input.Capacity", capacity),
        ("Input.WaitlistEnabled", "true"), ("Input.AsksDietaryNeeds", "true"),
    ];

    public static Task<List<Event>> SessionsAsync(this CommunityAppFactory app, long seriesId) =>
        app.WithDbAsync(db => db.Events.AsNoTracking().Where(e => e.SeriesId == seriesId).OrderBy(e => e.StartsAt).ToListAsync());

    public static Task<Event> EventAsync(this CommunityAppFactory app, long id) =>
        app.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id));

    public static Task<List<Attendee>> AttendeesAsync(this CommunityAppFactory app, long eventId) =>
        app.WithDbAsync(db => db.Attendees.AsNoTracking().Where(a => a.EventId == eventId).OrderBy(a => a.QueuePosition).ToListAsync());

    public static Task<List<HeartsMinds.Community.Platform.Email.OutboxMessage>> EmailsToAsync(this CommunityAppFactory app, string address) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());

    public static async Task<Registration> RegisteredAsync(this CommunityAppFactory app, RegistrationRequest request) =>
        Assert.IsType<RegistrationOutcome.Registered>(await app.RegisterAsync(request)).Registration;

    /// <summary>One person, registered with the details staff see.</summary>
    public static RegistrationRequest Person(long eventId, string organisation, string name, string email,
        string? role = "Peer supporter", string? access = null, string? dietary = null) =>
        new(eventId, Guid.NewGuid(), organisation, "Contact at " + organisation, "contact@" + email.Split('@')[1],
            [new AttendeeDetails(name, email, role, access, dietary)]);

    /// <summary>Gives an attendee a check-in code we know (the real one only ever exists in their email).</summary>
    public static async Task<string> KnownCheckInCodeAsync(this CommunityAppFactory app, long attendeeId)
    {
        var (code, hash) = SecretToken.Create();
        await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == attendeeId).ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckInCodeHash, hash)));
        return code;
    }

    /// <summary>Fills in a form found on <paramref name="pageUrl"/> and sends it to <paramref name="action"/> (a handler).</summary>
    public static Task<HttpResponseMessage> SubmitToAsync(this HttpClient client, string pageUrl, string action, params (string Name, string Value)[] fields) =>
        client.SubmitAsync(pageUrl, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), action);

    /// <summary>A POST as htmx sends it: the HX-Request header and the antiforgery token in a header.</summary>
    public static async Task<HttpResponseMessage> HtmxPostAsync(this HttpClient client, string pageUrl, string action, params (string Name, string Value)[] fields)
    {
        var html = await (await client.GetAsync(pageUrl)).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
        var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> HtmxGetAsync(this HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return client.SendAsync(request);
    }

    /// <summary>The words on the page as a reader sees them: tags gone, entities decoded, spaces collapsed.</summary>
    public static async Task<string> VisibleTextAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        html = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        return Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
