namespace HeartsMinds.Community.Platform.Email;

/// <param name="ServerUnavailable">The server could not be reached, or refuses work for now, so the rest of the batch would fail the same way.</param>
public sealed record SendOutcome(SendResult Result, string? Error = null, bool ServerUnavailable = false)
{
    public static readonly SendOutcome Sent = new(SendResult.Sent);
}
