using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Alerts;
using StreamCx.Kafka;

namespace StreamCx.Host.Alerts;

/// <summary>
/// Produces every alert emission of the <see cref="AlertHub"/> to <c>Kafka:AlertsTopic</c>: key = <c>siteId</c>,
/// value = the alert JSON (<see cref="ContractJson"/>), one at a time in emission order. A failed delivery is
/// counted, logged and tried again after a growing delay (the alerts behind it wait, so order is kept); an
/// alert that fails with an error retrying cannot fix, or is still queued when stopping runs out of time, is
/// logged in full and counted: never dropped silently. Start it before the actor system so that it stops after
/// the actors (and so gets their last alerts).
/// </summary>
public sealed class AlertKafkaPublisher : IHostedService, IDisposable
{
    private readonly AlertHub _hub;
    private readonly RecordProducer _producer;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly AlertKafkaPublisherOptions _options;
    private readonly Channel<Alert> _queue = Channel.CreateUnbounded<Alert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private IDisposable? _subscription;
    private Task _loop = Task.CompletedTask;
    private long _received;
    private long _delivered;
    private long _failedAttempts;
    private long _undeliverable;

    public AlertKafkaPublisher(
        AlertHub hub, RecordProducer producer, KafkaSettings kafka, ILogger<AlertKafkaPublisher> logger, TimeProvider clock, AlertKafkaPublisherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        _hub = hub;
        _producer = producer;
        _logger = logger;
        _clock = clock;
        _options = options ?? new AlertKafkaPublisherOptions();
        Topic = kafka.AlertsTopic;
    }

    /// <summary>The alerts topic.</summary>
    public string Topic { get; }

    /// <summary>Alerts delivered to the topic.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Delivery attempts that failed (each is retried, or the alert is counted undeliverable).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Alerts given up on (logged in full): an error retrying cannot fix, or still queued at the end of a stop.</summary>
    public long Undeliverable => Interlocked.Read(ref _undeliverable);

    /// <summary>Alerts received and neither delivered nor given up on yet.</summary>
    public long Pending => Interlocked.Read(ref _received) - Delivered - Undeliverable;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // the durable sink: a snapshot is saved only once the emissions raised before it are handled here
        _subscription = _hub.SubscribeDurable(System.Reactive.Observer.Create<Alert>(alert =>
        {
            Interlocked.Increment(ref _received);
            _queue.Writer.TryWrite(alert);
        }));
        _loop = Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _queue.Writer.TryComplete();
        var drained = await Task.WhenAny(_loop, Task.Delay(_options.DrainTimeout, _clock, cancellationToken)).ConfigureAwait(false) == _loop;
        if (!drained)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            GiveUp(left, "still queued when the engine stopped");
        }

        if (_logger.IsEnabled(LogLevel.Information))
            _logger.LogInformation("alerts to Kafka stopped: {Delivered} delivered to {Topic}, {Failed} failed attempts, {Undeliverable} undeliverable", Delivered, Topic, FailedAttempts, Undeliverable);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync(CancellationToken abort)
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(abort).ConfigureAwait(false))
            {
                if (!await DeliverAsync(alert, abort).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
        }
    }

    /// <summary>Delivers one alert, trying again until it is delivered or given up on; false when aborted (the alert is then given up on).</summary>
    private async Task<bool> DeliverAsync(Alert alert, CancellationToken abort)
    {
        var json = ContractJson.SerializeToUtf8(alert);
        var delay = _options.InitialRetryDelay;
        var permanentFailures = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _producer.ProduceAsync(Topic, alert.SiteId, json, abort).ConfigureAwait(false);
                Interlocked.Increment(ref _delivered);
                _hub.Handled();
                if (attempt > 1 && _logger.IsEnabled(LogLevel.Information))
                {
                    _logger.LogInformation("alert {AlertId} ({Status} #{Sequence}) delivered to {Topic} at attempt {Attempt}", alert.AlertId, Status(alert), alert.Sequence, Topic, attempt);
                }

                return true;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                GiveUp(alert, "the engine stopped while it was being delivered (it may still have been written)");
                return false;
            }
            catch (KafkaException e)
            {
                Interlocked.Increment(ref _failedAttempts);
                var transient = RecordProducer.IsTransient(e.Error);
                if (!transient && ++permanentFailures >= _options.MaxPermanentFailures)
                {
                    GiveUp(alert, $"{e.Error.Code}: {e.Error.Reason}");
                    return true;
                }

                _logger.LogError("alert {AlertId} ({Status} #{Sequence}) not delivered to {Topic} (attempt {Attempt}: {Code} {Reason}); it stays first in the queue and is tried again in {Delay}",
                    alert.AlertId, Status(alert), alert.Sequence, Topic, attempt, e.Error.Code, e.Error.Reason, delay);
            }

            try
            {
                await Task.Delay(delay, _clock, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                GiveUp(alert, "the engine stopped while it waited to be tried again");
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
        }
    }

    private void GiveUp(Alert alert, string why)
    {
        Interlocked.Increment(ref _undeliverable);
        _hub.Handled();
        _logger.LogError("alert {AlertId} could not be delivered to {Topic}: {Why}; the alert follows in full: {AlertJson}", alert.AlertId, Topic, why, ContractJson.Serialize(alert));
    }

    private static string Status(Alert alert) => alert.Status.ToString().ToLowerInvariant();
}
