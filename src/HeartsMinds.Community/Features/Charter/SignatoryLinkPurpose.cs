namespace HeartsMinds.Community.Features.Charter;

public enum SignatoryLinkPurpose { Confirm, Preferences }
