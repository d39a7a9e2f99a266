namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// One "are you sure?" on <see cref="CancelPlacesModel"/>: the question and who it affects, and what confirming does
/// (returning the notice for the private page). Or, when it was cancelled already (a double-click, a second tab), just
/// the notice to show.
/// </summary>
public sealed class Cancellation
{
    public string Question { get; private init; } = "";
    public string Explanation { get; private init; } = "";
    public string ConfirmText { get; private init; } = "";
    public IReadOnlyList<string> Affected { get; private init; } = [];

    /// <summary>Cancels the places; returns the notice.</summary>
    public Func<CancellationToken, Task<string>> ConfirmAsync { get; private init; } = _ => Task.FromResult("");

    /// <summary>Set when there is nothing left to cancel: the notice that says so.</summary>
    public string? AlreadyDone { get; private init; }

    public static Cancellation Ask(string question, string explanation, string confirmText, IReadOnlyList<string> affected,
        Func<CancellationToken, Task<string>> confirmAsync) =>
        new() { Question = question, Explanation = explanation, ConfirmText = confirmText, Affected = affected, ConfirmAsync = confirmAsync };

    public static Cancellation Done(string notice) => new() { AlreadyDone = notice };
}
