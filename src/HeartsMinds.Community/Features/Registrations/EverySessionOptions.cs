using Quartz;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Every session" registrations: each person's place at a session is taken a set time before it, not when they
/// registered, so nobody holds a year of places they may not use.
/// </summary>
public sealed class EverySessionOptions
{
    public const string Section = "EverySession";

    /// <summary>How long before each session its places are taken for every-session registrations.</summary>
    public TimeSpan PlacesTakenBefore { get; set; } = TimeSpan.FromDays(28);

    /// <summary>How often the job looks for sessions whose places are due (Quartz cron, UK time).</summary>
    public string Cron { get; set; } = "0 */15 * * * ?";

    internal bool IsValid => PlacesTakenBefore > TimeSpan.Zero && CronExpression.IsValidExpression(Cron);
}
