namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>
/// A clock a test moves by hand (<see cref="CommunityAppFactory.WithClock"/>), so time-driven behaviour such as
/// reminders can be checked without waiting. It starts at the real time; safe to read from several threads.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _utcTicks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset instant) => Interlocked.Exchange(ref _utcTicks, instant.UtcTicks);
}
