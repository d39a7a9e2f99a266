namespace HeartsMinds.Community.Features.Registrations;

/// <summary>What an every-session member has at one session. <see cref="NotYet"/>: its places are taken nearer the time.</summary>
public enum MemberPlace { HasPlace, Waiting, Cancelled, RegisteredSeparately, NotYet, NotRegistered }
