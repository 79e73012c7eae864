using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;
using StreamCx.Engine.AlertLog;
using StreamCx.Engine.Alerts;

namespace StreamCx.Host.AlertLog;

/// <summary>
/// Writes every alert emission of this engine to the shared alert log, in emission order, keyed by alert id and
/// sequence (an emission raised again after a crash or a rebalance is written once). While the state store is down
/// the emissions wait and are tried again (1 s to 30 s); nothing is dropped. Start it before the actor system so that
/// it stops after the actors (and so writes their last alerts).
/// </summary>
public sealed class AlertLogWriter(AlertHub hub, SqlAlertLog log, AlertLogFollower follower, ILogger<AlertLogWriter> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly Channel<Alert> _queue = Channel.CreateUnbounded<Alert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private IDisposable? _subscription;
    private Task _loop = Task.CompletedTask;

    public static string KeyOf(Alert alert) => $"{alert.AlertId}#{alert.Sequence}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = hub.Alerts.Subscribe(a => _queue.Writer.TryWrite(a), () => _queue.Writer.TryComplete());
        _loop = Task.Run(() => WriteAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(StopGrace, cancellationToken)).ConfigureAwait(false) != _loop)
        {
            logger.LogError("alert log: {Count} alert emissions not written to the state store before the stop (they are on the alerts topic)", _queue.Reader.Count);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var data = ContractJson.Serialize(alert);
            var delay = TimeSpan.FromSeconds(1);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await log.AppendAsync(LiveEventTypes.Alert, KeyOf(alert), data, ct).ConfigureAwait(false);
                    follower.Poke();
                    break;
                }
                catch (DbException e)
                {
                    logger.LogWarning("alert log: alert {AlertId} #{Sequence} not written (attempt {Attempt}: {Reason}); tried again in {Delay}",
                        alert.AlertId, alert.Sequence, attempt, e.Message, delay);
                }
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _abort.Dispose();
    }
}
