using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// Keeps the exceptions the app logs as errors (the exception handler logs every unhandled one), so that the fuzzer
/// can name the exception behind a 500. Requests are sent one at a time, so what was logged during a request is its own.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<Exception> _exceptions = new();

    /// <summary>Everything logged since the last call, and forgets it.</summary>
    public IReadOnlyList<Exception> Take()
    {
        var taken = new List<Exception>();
        while (_exceptions.TryDequeue(out var exception)) taken.Add(exception);
        return taken;
    }

    public ILogger CreateLogger(string categoryName) => this;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel) && exception is not null) _exceptions.Enqueue(exception);
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Dispose() { }
}
