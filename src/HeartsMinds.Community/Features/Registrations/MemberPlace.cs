namespace HeartsMinds.Community.Features.Registrations;

public enum MemberPlace { HasPlace, Waiting, Cancelled, RegisteredSeparately, NotRegistered }
