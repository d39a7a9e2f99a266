namespace HeartsMinds.Community.Features.Charter;

public enum ConfirmOutcome { Confirmed, AlreadyConfirmed, Expired, Withdrawn, NotFound }
