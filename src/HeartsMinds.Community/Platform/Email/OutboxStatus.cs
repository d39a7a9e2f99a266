namespace HeartsMinds.Community.Platform.Email;

public enum OutboxStatus { Pending, Sent, Failed }
