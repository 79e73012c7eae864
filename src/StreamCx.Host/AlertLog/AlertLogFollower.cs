using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Engine.AlertLog;
using StreamCx.Engine.Live;

namespace StreamCx.Host.AlertLog;

/// <summary>
/// Reads the shared alert log into this engine's <see cref="LiveFeed"/>: everything from the start when the engine
/// starts, then what any engine of the group writes, every <see cref="PollInterval"/> (at once when this engine wrote).
/// So the page, <c>/api/alerts</c> and the SSE stream show the same alerts and actions, under the same event ids, on
/// every engine. While the state store is down it keeps trying and says so once a minute.
/// </summary>
public sealed class AlertLogFollower(SqlAlertLog log, LiveFeed feed, ILogger<AlertLogFollower> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int Page = 1000;
    private readonly SemaphoreSlim _poked = new(0, 1);
    private readonly object _gate = new();
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastFailureLog = DateTimeOffset.MinValue;

    /// <summary>True once the log was read to its end at least once.</summary>
    public bool CaughtUp { get; private set; }

    /// <summary>Reads the log now rather than at the next poll (this engine just wrote to it).</summary>
    public void Poke()
    {
        try
        {
            if (_poked.CurrentCount == 0) _poked.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Waits until the feed has taken in the entry <paramref name="id"/>.</summary>
    public async Task WaitForAsync(long id, CancellationToken ct)
    {
        Poke();
        while (feed.Position < id)
        {
            Task moved;
            lock (_gate) moved = _moved.Task;
            if (feed.Position >= id) return;
            await moved.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var entries = await log.ReadAfterAsync(feed.Position, Page, stoppingToken).ConfigureAwait(false);
                foreach (var entry in entries) feed.Apply(entry);
                full = entries.Count == Page;
                if (!full) CaughtUp = true;
                Moved();
            }
            catch (DbException e)
            {
                if (DateTimeOffset.UtcNow - _lastFailureLog > TimeSpan.FromMinutes(1))
                {
                    _lastFailureLog = DateTimeOffset.UtcNow;
                    logger.LogWarning("alert log: the state store cannot be read ({Reason}); the live view waits and tries again", e.Message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (full) continue;
            try
            {
                await _poked.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Moved()
    {
        lock (_gate)
        {
            _moved.TrySetResult();
            _moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public override void Dispose()
    {
        _poked.Dispose();
        base.Dispose();
    }
}
