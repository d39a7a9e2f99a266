namespace HeartsMinds.Community.Features.Events;

public enum EventKind { ConversationSpace, InPerson }
