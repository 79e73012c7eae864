using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StreamCx.Kafka.Tests;

/// <summary>Collects log lines (level and message) for assertions.</summary>
public sealed class ListLogger(LogLevel minimum = LogLevel.Information) : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IEnumerable<string> Messages => Entries.Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Enqueue((logLevel, $"{DateTime.UtcNow:HH:mm:ss.fff} {formatter(state, exception)}"));
        }
    }
}
