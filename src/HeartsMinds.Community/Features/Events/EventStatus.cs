namespace HeartsMinds.Community.Features.Events;

public enum EventStatus { Draft, Published, Cancelled }
