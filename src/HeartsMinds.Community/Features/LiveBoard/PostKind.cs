namespace HeartsMinds.Community.Features.LiveBoard;

public enum PostKind { Question, Learning }
