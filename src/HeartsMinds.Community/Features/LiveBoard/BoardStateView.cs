namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>The board's own settings as screens show them. <see cref="Phase"/>: "not-yet-open", "open" or "closed".</summary>
public sealed record BoardStateView(string Phase, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool PreModeration, string? SessionCode)
{
    public static string PhaseName(BoardPhase phase) => phase switch
    {
        BoardPhase.NotYetOpen => "not-yet-open",
        BoardPhase.Open => "open",
        _ => "closed",
    };
}
