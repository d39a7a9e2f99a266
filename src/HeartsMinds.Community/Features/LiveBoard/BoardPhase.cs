namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>Before it opens a board shows when it will; once closed it is a read-only archive.</summary>
public enum BoardPhase { NotYetOpen, Open, Closed }
