namespace HeartsMinds.Community.Features.Events;

/// <summary>What the public pages may show of an event, and how its places look to someone thinking of registering.</summary>
public static class PublicEvents
{
    /// <summary>Published and cancelled events (cancelled ones are shown as cancelled); drafts never leave the staff pages.</summary>
    public static IQueryable<Event> Visible(this IQueryable<Event> events) =>
        events.Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Cancelled);

    /// <summary>What public entries, links and calendars say instead of the joining link.</summary>
    public const string JoiningLinkByEmail = "The joining link is emailed to each person with a place.";

    /// <summary>"Online", or the venue on one line: the place in emails and calendars.</summary>
    public static string Where(Event ev) => ev.IsOnline ? "Online" : ev.VenueLine;

    /// <summary>"Online", or the venue and the town (the last part of the address), for a one-line summary.</summary>
    public static string WhereInBrief(Event ev)
    {
        if (ev.IsOnline) return "Online";
        var town = ev.VenueAddress?.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        var parts = new[] { ev.VenueName, town }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().ToList();
        return parts.Count == 0 ? "In person (venue to be confirmed)" : string.Join(", ", parts);
    }

    /// <summary>"Tuesday 10 March 2026, 12:30 to 14:00 (UK time)"</summary>
    public static string WhenInFull(Event ev) => $"{EventTime.When(ev)} (UK time)";

    /// <summary>"Asha", "Asha and Ben", "Asha, Ben and Cara".</summary>
    public static string JoinNames(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= 1 ? string.Concat(all) : $"{string.Join(", ", all[..^1])} and {all[^1]}";
    }

    /// <summary>Only web links are offered as links: a map link typed by staff must never run script.</summary>
    public static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public static Availability AvailabilityOf(Event ev, int placesLeft, DateTimeOffset now)
    {
        if (ev.Status == EventStatus.Cancelled)
            return new("Cancelled", "tag--full", null, "This event has been cancelled.");
        var (open, reason) = ev.RegistrationState(now);
        if (!open)
        {
            var label = ev.EndsAt <= now ? "Finished"
                : ev.RegistrationOpensAt > now ? $"Registration opens {EventTime.Day(ev.RegistrationOpensAt.Value, ev.TimeZoneId)}"
                : "Registration closed";
            return new(label, "tag", null, reason);
        }
        if (placesLeft > 0)
            return new(placesLeft == 1 ? "1 place left" : $"{placesLeft} places left", "tag--open", "Register", null);
        return ev.WaitlistEnabled
            ? new("Full – join the waitlist", "tag--full", "Join the waitlist", null)
            : new("Full", "tag--full", null, "This event is full, and it has no waitlist.");
    }
}
