namespace HeartsMinds.Community.Features.DevMailbox;

public sealed record MailboxEntry(string Name, DateTimeOffset Date, string To, string Subject);
