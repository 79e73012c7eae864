using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Sites;
using StreamCx.Kafka;

namespace StreamCx.Host.Intake;

/// <summary>
/// The intake: reads the source partitions this engine is assigned, validates each message, writes each event to its
/// region's partition of the region topic (and the journeys' copies to the partitions of its journey and account), and
/// tells every partition how far each of its inputs has come (<see cref="InputReport"/>: the corroborated event time of
/// <see cref="EventTimeFrontier"/>'s inputs, and whether the input is read to its end), after the events that report
/// covers and at least every <see cref="ReportInterval"/>.
/// A batch is forwarded (handed to the producer, which keeps each partition's order) before the call first waits; the
/// returned task completes once every record of it is delivered, and only then may the caller store its offsets.
/// </summary>
public sealed class RegionIntake(
    FeedbackParser parser, ReferenceCatalog catalog, EventTimeSettings eventTime, IProducer<string?, byte[]> producer, string regionTopic,
    EventTimeProgress progress, TimeProvider clock, ILogger logger)
{
    /// <summary>How often the intake reports on its inputs while nothing changes (the regions learn of every input within it).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the broker's answer on where a partition ends is taken as still true (well under <c>Engine:CaughtUpWait</c>).</summary>
    private static readonly TimeSpan EndQueryInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the broker is given to say where a partition ends (an input it does not confirm holds back).</summary>
    private static readonly TimeSpan EndQueryTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A tick of the clock in the intake's stream (streams carry no nulls): reports are due, nothing to forward.</summary>
    public static readonly ConsumedRecord Tick = new("", -1, -1, null, [], null);

    private readonly EventTimeFrontier _inputs = new(eventTime);
    private readonly ConcurrentQueue<(string Input, bool Assigned)> _ownership = new();
    private readonly InputLogThrottle _earlyLog = new();
    private readonly Dictionary<string, (long At, long? End)> _ends = new(StringComparer.Ordinal); // the broker's last answer per input (stopwatch time)
    private readonly Dictionary<string, (string Topic, int Partition, long Next)> _taken = new(StringComparer.Ordinal); // per input, the offset after the last record taken
    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

    /// <summary>The consumer of the source partitions (set once it runs): says where each partition ends, so that an input with unread records is never reported idle.</summary>
    public IKafkaConsumerControl? Source { get; set; }
    private readonly Lock _partitionCountGate = new();
    private Task<int>? _partitionCount;
    private int _partitions;

    /// <summary>The region topic's partition count (0 before <see cref="ReadyAsync"/> has completed).</summary>
    public int Partitions => _partitions;

    /// <summary>
    /// Learns the region topic's partition count (the broker creates the topic when it does not exist), waiting while
    /// Kafka is down; once, before the first batch is forwarded. Callers on several threads share the one request.
    /// </summary>
    public async Task ReadyAsync(CancellationToken ct)
    {
        Task<int> partitionCount;
        lock (_partitionCountGate) partitionCount = _partitionCount ??= PartitionCountAsync(ct);
        _partitions = await partitionCount.ConfigureAwait(false);
    }

    private async Task<int> PartitionCountAsync(CancellationToken ct)
    {
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        while (true)
        {
            try
            {
                var metadata = await Task.Run(() => admin.GetMetadata(regionTopic, TimeSpan.FromSeconds(5)), ct).ConfigureAwait(false);
                var topic = metadata.Topics.FirstOrDefault(t => t.Topic == regionTopic);
                if (topic is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    if (logger.IsEnabled(LogLevel.Information))
                        logger.LogInformation("regions go through {RegionTopic} ({Partitions} partitions)", regionTopic, topic.Partitions.Count);
                    return topic.Partitions.Count;
                }
            }
            catch (KafkaException)
            {
                // not reachable yet: the consumers say so; try again
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every partition of the source topics ("topic/partition", the inputs of event time), from the brokers' metadata,
    /// waiting while Kafka is down: each region-topic partition an engine holds waits to hear of all of them before it
    /// releases anything (a reader slow to report, after a rebalance on a busy machine, is then waited for, not passed).
    /// A topic the brokers do not know has none.
    /// </summary>
    public async Task<IReadOnlyList<string>> SourceInputsAsync(IEnumerable<string> topics, CancellationToken ct)
    {
        var wanted = topics.ToHashSet(StringComparer.Ordinal);
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        while (true)
        {
            try
            {
                var metadata = await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(5)), ct).ConfigureAwait(false);
                return [.. metadata.Topics.Where(t => wanted.Contains(t.Topic) && !t.Error.IsError)
                    .SelectMany(t => t.Partitions.Select(p => SnapshotCodec.PartitionKey(t.Topic, p.PartitionId)))
                    .Order(StringComparer.Ordinal)];
            }
            catch (KafkaException)
            {
                // not reachable yet: the consumers say so; try again
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Source partitions assigned (from the consumer's callback thread): reported from the next batch on.</summary>
    public void Assigned(IEnumerable<(string Topic, int Partition)> assigned)
    {
        foreach (var (topic, partition) in assigned) _ownership.Enqueue((SnapshotCodec.PartitionKey(topic, partition), true));
    }

    /// <summary>Source partitions revoked: no longer reported (their next owner reports them).</summary>
    public void Revoked(IEnumerable<(string Topic, int Partition)> revoked)
    {
        foreach (var (topic, partition) in revoked) _ownership.Enqueue((SnapshotCodec.PartitionKey(topic, partition), false));
    }

    /// <summary>
    /// Forwards one batch (after <see cref="ReadyAsync"/>; <see cref="Tick"/> items are ticks of the clock): each valid event to its region's partition, then the
    /// reports; waits for every delivery. Returns each record's rejection (null when forwarded), in the batch's order.
    /// </summary>
    public async Task<IReadOnlyList<(ConsumedRecord Record, Rejection? Rejection)>> ForwardAsync(IReadOnlyList<ConsumedRecord> batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = TakeOwnership(now);
        var results = new List<(ConsumedRecord, Rejection?)>(batch.Count);
        var deliveries = new List<Task>(batch.Count + _partitions);
        foreach (var record in batch)
        {
            if (ReferenceEquals(record, Tick)) continue;
            var input = SnapshotCodec.PartitionKey(record.Topic, record.Partition);
            _taken[input] = (record.Topic, record.Partition, record.EndOfPartition ? record.Offset : record.Offset + 1);
            if (record.EndOfPartition)
            {
                _inputs.CaughtUp(input, now);
                changed = true;
                continue;
            }
            var outcome = parser.Parse(record.Value);
            if (!outcome.IsValid)
            {
                results.Add((record, outcome.Rejection));
                continue;
            }
            // the site's copy goes with its region (none for a journey message); the journeys' copies by journey and account
            var (eventId, occurredAt, regionKey, copies) = outcome switch
            {
                { Event: { } e } => (e.EventId, e.OccurredAt, RegionOf(e.SiteId), JourneyRouting.Copies(e)),
                { Listening: { } l } => (l.EventId, l.OccurredAt, l.SiteId is { } site ? RegionOf(site) : ListeningTypes.BrandWide, []),
                _ => (outcome.Signal!.EventId, outcome.Signal.OccurredAt, null, JourneyRouting.Copies(outcome.Signal)),
            };
            if (_inputs.Observe(input, occurredAt, now) == Arrival.Early) Early(input, eventId, regionKey ?? "a journey", occurredAt, now);
            changed = true;
            if (regionKey is not null)
            {
                var message = new Message<string?, byte[]> { Key = RegionTopic.EventKey(record.Topic, record.Partition, record.Offset), Value = record.Value };
                deliveries.Add(producer.ProduceAsync(new TopicPartition(regionTopic, RegionTopic.PartitionOf(regionKey, _partitions)), message, ct));
            }
            foreach (var (partition, parts) in JourneyRouting.Place(copies, _partitions, key => RegionTopic.PartitionOf(key, _partitions)))
            {
                var copy = new Message<string?, byte[]> { Key = RegionTopic.JourneyCopyKey(record.Topic, record.Partition, record.Offset, parts), Value = record.Value };
                deliveries.Add(producer.ProduceAsync(new TopicPartition(regionTopic, partition), copy, ct));
            }
            results.Add((record, null));
        }
        if (changed || now - _lastReport >= ReportInterval) Report(now, deliveries, ct);
        await Task.WhenAll(deliveries).ConfigureAwait(false);
        return results;
    }

    private string RegionOf(string siteId) => catalog.TryGetSite(siteId, out var site) ? site.RegionId : siteId;

    private bool TakeOwnership(DateTimeOffset now)
    {
        var changed = false;
        while (_ownership.TryDequeue(out var change))
        {
            if (change.Assigned)
            {
                _inputs.Assign(change.Input, now);
                var slash = change.Input.LastIndexOf('/'); // "topic/partition": a topic name has no slash
                _taken[change.Input] = (change.Input[..slash], int.Parse(change.Input.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture), -1); // nothing taken yet
            }
            else _inputs.Revoke(change.Input);
            changed = true;
        }
        return changed;
    }

    private void Report(DateTimeOffset now, List<Task> deliveries, CancellationToken ct)
    {
        _lastReport = now;
        var value = RegionTopic.ReportsValue(Confirmed(_inputs.Reports(now, HasUnread)));
        for (var p = 0; p < _partitions; p++)
            deliveries.Add(producer.ProduceAsync(new TopicPartition(regionTopic, p), new Message<string?, byte[]> { Key = RegionTopic.ReportsKey, Value = value }, ct));
    }

    /// <summary>
    /// The reports, with every input that says it is read to its end while another input is past it asked of the broker:
    /// its end-of-partition event says where it ended at its last fetch, and records produced since (the others' new
    /// records of the same moment reached this reader first) may be on the broker, unfetched. One whose end is past what
    /// was taken, or that the broker does not confirm within a second, is reported not read to its end: it holds back.
    /// </summary>
    private InputReport[] Confirmed(InputReport[] reports)
    {
        var furthest = reports.Max(r => r.Time);
        var asked = new List<(int Report, string Input, string Topic, int Partition, long Next)>();
        for (var i = 0; i < reports.Length; i++)
        {
            var r = reports[i];
            if (!r.CaughtUp || furthest is not { } f || (r.Time is { } t && t >= f) || !_taken.TryGetValue(r.Input, out var taken)) continue;
            asked.Add((i, r.Input, taken.Topic, taken.Partition, taken.Next));
        }
        var ends = EndsOf(asked);
        for (var k = 0; k < asked.Count; k++)
            if (ends[k] is not { } end || end > asked[k].Next) reports[asked[k].Report] = reports[asked[k].Report] with { CaughtUp = false };
        return reports;
    }

    /// <summary>
    /// The broker's answers for the partitions' ends, each asked at most every <see cref="EndQueryInterval"/> per input (a busy
    /// batch path asks once), and all those due asked at once: each waits for the broker's answer, and one after the other
    /// they held the intake up for seconds with many quiet inputs (<see cref="IKafkaConsumerControl.QueryEnd"/> asks on a
    /// client of its own: on the consumer's connection each answer waited behind its fetch, up to <c>fetch.wait.max.ms</c>).
    /// </summary>
    private long?[] EndsOf(List<(int Report, string Input, string Topic, int Partition, long Next)> inputs)
    {
        var at = System.Diagnostics.Stopwatch.GetTimestamp();
        var ends = new long?[inputs.Count];
        var due = new List<int>();
        for (var k = 0; k < inputs.Count; k++)
        {
            if (_ends.TryGetValue(inputs[k].Input, out var known) && System.Diagnostics.Stopwatch.GetElapsedTime(known.At, at) < EndQueryInterval) ends[k] = known.End;
            else due.Add(k);
        }
        var source = Source;
        long? Ask(int k) => source?.QueryEnd(inputs[k].Topic, inputs[k].Partition, EndQueryTimeout);
        if (due.Count == 1) ends[due[0]] = Ask(due[0]);
        else if (due.Count > 1)
        {
            // threads of their own, not the pool's: every one blocks on the broker, and the pool would add them one by one
            var threads = due.Select(k => new Thread(() => ends[k] = Ask(k)) { IsBackground = true, Name = "streamcx-end-query" }).ToList();
            foreach (var thread in threads) thread.Start();
            foreach (var thread in threads) thread.Join(); // each ends within EndQueryTimeout; the joins publish what they wrote
        }
        foreach (var k in due) _ends[inputs[k].Input] = (at, ends[k]);
        return ends;
    }

    /// <summary>
    /// True when the broker's end of the input's partition is past the last record taken from it (a backlog the consumer
    /// has not handed over yet), or not known yet (the partition not fetched since it was assigned).
    /// </summary>
    private bool HasUnread(string input) =>
        _taken.TryGetValue(input, out var taken) && (Source?.HighWatermark(taken.Topic, taken.Partition) is not { } end || end > taken.Next);

    /// <summary>Counts an event far ahead of its input's time, and says so in the log at most once a minute per input.</summary>
    private void Early(string input, string eventId, string siteId, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        progress.HeldEarly();
        if (!_earlyLog.ShouldLog(input, now)) return;
        logger.LogWarning(
            "event {EventId} of {SiteId} on {Input} is dated {OccurredAt:O}, far ahead of that input's time ({InputTime:O}): held until the other events reach it, it does not move event time (a wrong clock or an early message)",
            eventId, siteId, input, occurredAt, _inputs.Inputs.GetValueOrDefault(input)?.Current);
    }
}
