namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>A value a person might type into an empty field, so that the other fields of a fuzzed form stay valid.</summary>
public static class PlausibleValues
{
    public const string Email = "fuzz.visitor@example.org";

    public static string For(string name, string kind)
    {
        bool Named(string part) => name.Contains(part, StringComparison.OrdinalIgnoreCase);
        return kind switch
        {
            "email" => Email,
            // An end after its start, and a window (registration) that closes after it opens and before the event.
            "date" => DateTime.UtcNow.Date.AddDays(Named("End") ? 31 : 30).ToString("yyyy-MM-dd"),
            "time" => Named("End") ? "12:00" : "10:30",
            "datetime-local" => (Named("Close") || Named("End") ? DateTime.UtcNow.Date.AddDays(7).AddHours(17) : DateTime.UtcNow.Date.AddDays(1).AddHours(9)).ToString("yyyy-MM-ddTHH:mm"),
            "number" or "range" => "2",
            "url" => "https://example.org/fuzz",
            "password" => "a long fuzzing password 2468",
            "tel" => "0121 496 0000",
            _ when Named("Email") => Email,
            _ when Named("Url") || Named("Link") => "https://example.org/fuzz",
            _ when Named("Postcode") => "B1 1AA",
            _ => "Fuzz " + name.Split('.', '[', ']').Last(s => s.Length > 0),
        };
    }
}
