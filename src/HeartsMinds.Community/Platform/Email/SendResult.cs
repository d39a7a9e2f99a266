namespace HeartsMinds.Community.Platform.Email;

public enum SendResult
{
    Sent,
    /// <summary>Worth trying again later: the server was unreachable, busy, or answered 4xx.</summary>
    RetryLater,
    /// <summary>Trying again will not help: the server refused this message (5xx), or the message itself is malformed.</summary>
    Rejected,
}
