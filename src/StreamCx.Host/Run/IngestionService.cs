using Akka;
using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Host.Intake;
using StreamCx.Host.Metrics;
using StreamCx.Host.Network;
using StreamCx.Engine.Grouping;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>
/// Runs the <see cref="IngestionGraph"/> for the life of the engine. Stopping is graceful: the consumer stops
/// fetching and revokes its partitions as in a rebalance (records still buffered are left for the next owner,
/// those in flight are applied and their offsets stored and committed), then leaves the group; the final totals
/// are logged. An offset is stored for commit when the <see cref="OffsetLedger"/> says it is durable (the snapshot that
/// covers it is saved, or it needed none): before stopping, every site is asked to snapshot what it holds.
/// </summary>
public sealed class IngestionService(
    ActorSystem system, ActorRegistry registry, KafkaSettings kafka, EngineSettings engine, FeedbackParser parser, ReferenceCatalog catalog,
    DeadLetterPublisher deadLetters, PipelineCounters counters, EngineStatus status, IIngestionMetrics metrics, OffsetLedger ledger,
    SnapshotSettings snapshots, EventTimeProgress progress, TimeProvider clock, ILogger<IngestionService> logger) : BackgroundService
{
    /// <summary>How long stopping waits for dead letters still waiting for Kafka before giving up on them (their offsets stay uncommitted).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    /// <summary>How long a revocation waits for the regions to drop the sites it takes away and settle their saves.</summary>
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(3);

    private bool _listening; // the listening sources run: every message they take waits for their snapshot to be committed
    private bool _journeys; // the journeys run: likewise for the copies placed for them
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Topic, int Partition), bool> _heldRegions = new(); // region-topic partitions assigned here

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sites = await registry.GetAsync<SitesActor>(stoppingToken).ConfigureAwait(false);
        var journeys = registry.TryGet<JourneysActor>(out var j) ? j : null;
        var listening = registry.TryGet<ListeningActor>(out var l) ? l : null;
        var network = registry.TryGet<NetworkGroupsActor>(out var n) ? n : null;
        _listening = listening is not null;
        _journeys = journeys is not null;
        using var abort = new CancellationTokenSource();
        using var regionProducer = RegionProducer();
        var intake = new RegionIntake(parser, catalog, engine.EventTime, regionProducer, kafka.RegionTopic, progress, clock, logger);
        var (regionControl, regionsDone) = IngestionGraph.Create(kafka.ForRegionTopic(), parser, sites, engine, deadLetters, counters, logger, abort.Token, Handled, journeys, regionTopic: true, listening)
            .Run(system.Materializer());
        status.RegionConsumer = regionControl;
        void Release(IReadOnlyList<Confluent.Kafka.TopicPartition> released, bool settle)
        {
            foreach (var tp in released)
            {
                _heldRegions.TryRemove((tp.Topic, tp.Partition.Value), out _);
                ledger.Revoke(tp.Topic, tp.Partition.Value);
            }
            var message = new PartitionsReleased(released.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray());
            if (!settle)
            {
                sites.Tell(message);
                return;
            }
            // revoked (not lost): the partitions go to their next holder only once this callback returns, so wait until no
            // region writes a snapshot of the sites it drops; their next holder then restores one instant of them
            try
            {
                sites.Ask<SitesSettled>(message, SettleWait, CancellationToken.None).Wait(CancellationToken.None);
            }
            catch (AggregateException e)
            {
                logger.LogWarning("regions of {Partitions} did not settle their saves within {Wait} ({Reason}); their next holder may read a snapshot being replaced",
                    string.Join(", ", released), SettleWait, e.InnerException?.Message);
            }
        }
        regionControl.PartitionsRevoked += (_, e) => Release(e.Partitions, settle: true);
        regionControl.PartitionsLost += (_, e) => Release(e.Partitions, settle: false);
        // sites left from an earlier ownership are dropped; nothing is released until the intakes have reported every input
        regionControl.PartitionsAssigned += (_, e) =>
        {
            foreach (var tp in e.Partitions)
            {
                _heldRegions[(tp.Topic, tp.Partition.Value)] = true;
                ledger.Assign(tp.Topic, tp.Partition.Value);
            }
            // told from the consumer's thread before it fetches them, so the listening sources restore these partitions before
            // any of their messages reaches them (through the sites' router, the first batch could overtake the assignment,
            // and its messages were dropped by the restore that followed)
            var assigned = new PartitionsAssigned(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray());
            listening?.Tell(assigned);
            journeys?.Tell(assigned); // so do the journeys
        };
        regionControl.PartitionsAssigned += (_, e) => sites.Tell(new PartitionsAssigned(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray())
        {
            HearInputsFor = 2 * RegionIntake.ReportInterval,
        });

        // the journeys and the listening sources learn where a journey, an account or a region is held, to read another
        // engine's from its snapshot for a query
        if (journeys is not null || listening is not null || network is not null)
        {
            _ = intake.ReadyAsync(abort.Token).ContinueWith(
                _ =>
                {
                    var known = new RegionTopicKnown(kafka.RegionTopic, intake.Partitions);
                    journeys?.Tell(known);
                    listening?.Tell(known);
                    sites.Tell(known); // the network feed counts the channels by it
                },
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        // every source partition, once the brokers say: each region-topic partition waits to hear of them all
        _ = intake.SourceInputsAsync(kafka.Topics, abort.Token).ContinueWith(
            t => sites.Tell(new SourceInputsKnown(t.Result)), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        var (control, done) = IntakeGraph.Create(kafka, intake, engine.BatchSize, deadLetters, counters, metrics, logger, abort.Token).Run(system.Materializer());
        metrics.Attach(control);
        intake.Source = control;
        status.Consumer = control;
        control.PartitionsAssigned += (_, e) => intake.Assigned(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)));
        control.PartitionsRevoked += (_, e) => intake.Revoked(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)));
        control.PartitionsLost += (_, e) => intake.Revoked(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)));
        // the network grouping runs on the engine that holds the network topic's partition
        var (networkControl, networkDone) = network is null
            ? (null, Task.FromResult(Done.Instance))
            : NetworkGroupsGraph.Create(kafka, network, ledger, snapshots.Enabled, logger, abort.Token).Run(system.Materializer());
        if (networkControl is not null) WatchNetworkPartitions(networkControl, network!);
        // a position is committed once the ledger says it is durable (the snapshot covering it saved): its revocation waits for that
        void Commit(SourcePosition durable) =>
            (durable.Topic == kafka.NetworkTopic ? networkControl! : regionControl).StoreOffset(durable.Topic, durable.Partition, durable.Offset);
        ledger.DurableThrough += Commit;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("consuming {Topics} as group {Group} from {Bootstrap}; regions through {RegionTopic}",
                string.Join(", ", kafka.Topics), kafka.GroupId, kafka.BootstrapServers, kafka.RegionTopic);
        }
        try
        {
            await Task.WhenAny(done, regionsDone).WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAsync(control, done, abort).ConfigureAwait(false); // the intake first: what it took is written to the region topic
            await SnapshotEverythingAsync(sites, network).ConfigureAwait(false);
            await StopAsync(regionControl, regionsDone, abort).ConfigureAwait(false);
            if (networkControl is not null) await StopAsync(networkControl, networkDone, abort).ConfigureAwait(false);
            ledger.DurableThrough -= Commit;
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "ingestion stopped: applied={Applied} late={Late} tooLate={TooLate} duplicates={Duplicates} rejected={Rejected} deadLettered={DeadLettered} consumed={Consumed} droppedOnRevoke={Dropped}",
                    counters.Applied, counters.Late, counters.TooLate, counters.Duplicates, counters.Rejected, deadLetters.PublishedCount, control.ConsumedCount, control.DroppedCount);
            }
        }
    }

    /// <summary>
    /// The network topic's partition comes and goes with its consumer group: the grouping restores it on assignment, and on a
    /// revocation drops it and settles its saves before the next holder reads it.
    /// </summary>
    private void WatchNetworkPartitions(IKafkaConsumerControl control, IActorRef network)
    {
        control.PartitionsAssigned += (_, e) =>
        {
            foreach (var tp in e.Partitions) ledger.Assign(tp.Topic, tp.Partition.Value);
            network.Tell(new PartitionsAssigned(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray()));
        };
        void Release(IReadOnlyList<Confluent.Kafka.TopicPartition> released, bool settle)
        {
            foreach (var tp in released) ledger.Revoke(tp.Topic, tp.Partition.Value);
            network.Tell(new PartitionsReleased(released.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray()));
            if (!settle) return;
            try
            {
                network.Ask<SitesSettled>(SettleSaves.Instance, SettleWait, CancellationToken.None).Wait(CancellationToken.None);
            }
            catch (AggregateException e)
            {
                logger.LogWarning("the network grouping did not settle its saves within {Wait} ({Reason})", SettleWait, e.InnerException?.Message);
            }
        }
        control.PartitionsRevoked += (_, e) => Release(e.Partitions, settle: true);
        control.PartitionsLost += (_, e) => Release(e.Partitions, settle: false);
    }

    /// <summary>The intake's producer: in order per partition (one request in flight), so a report never overtakes the events it covers.</summary>
    private IProducer<string?, byte[]> RegionProducer()
    {
        var config = KafkaClientConfigFactory.CreateProducerConfig(kafka);
        if (!kafka.Properties.ContainsKey("max.in.flight.requests.per.connection")) config.MaxInFlight = 1;
        if (!kafka.Properties.ContainsKey("linger.ms")) config.LingerMs = 5;
        return new ProducerBuilder<string?, byte[]>(config).Build();
    }

    private async Task StopAsync(IKafkaConsumerControl control, Task<Done> done, CancellationTokenSource abort)
    {
        var finished = Task.WhenAll(control.StopAsync(), done);
        if (await Task.WhenAny(finished, Task.Delay(StopGrace)).ConfigureAwait(false) != finished)
        {
            logger.LogWarning("ingestion did not finish within {Grace} of the stop (a dead letter is waiting for Kafka); giving up on what is in flight: its offsets stay uncommitted", StopGrace);
            await abort.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await finished.WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning("ingestion stopped before everything in flight was applied ({Reason})", e.Message);
        }
    }

    private void Handled(IKafkaConsumerControl control, PipelineResult r)
    {
        if (r.Raw.Reports is null && r.CountsMessage) metrics.Observe(r);
        var p = r.Raw.Position;
        var site = snapshots.Enabled && r.Event is { } e && !r.AlreadyApplied && r.Outcome != IntakeOutcome.Duplicate ? e.SiteId : null;
        // an incident or a social mention of a site is taken by its site too (for its alerts), but one read before its partition was revoked
        if (snapshots.Enabled && r.Listening is { } l && FeedbackProcessor.IsForSite(l) && _heldRegions.ContainsKey((p.Topic, p.Partition))) site = l.SiteId;
        // the listening sources take every message of a partition held here (they observe all feedback); one read before its
        // partition was revoked and still on its way is left to the partition's next holder
        var listening = snapshots.Enabled && _listening && (r.Event is not null || r.Listening is not null) && _heldRegions.ContainsKey((p.Topic, p.Partition));
        // so do the journeys the copies placed for them
        var journeys = snapshots.Enabled && _journeys && r.JourneyCopy && r.Rejection is null && _heldRegions.ContainsKey((p.Topic, p.Partition));
        if (site is not null) ledger.Applied(site, p); // committed once the site's snapshot covers it
        if (listening) ledger.Applied(ListeningActor.LedgerKey, p); // and the listening sources' snapshot of its channel
        if (journeys) ledger.Applied(JourneysActor.LedgerKey, p); // or the journeys' snapshot of its channel
        if (site is null && !listening && !journeys) ledger.Done(p);
    }

    /// <summary>Before a graceful stop: every site snapshots now, so that the final commit covers what was applied.</summary>
    private async Task SnapshotEverythingAsync(IActorRef sites, IActorRef? network)
    {
        if (!snapshots.Enabled) return;
        sites.Tell(SnapshotNow.Instance);
        network?.Tell(SnapshotNow.Instance);
        try
        {
            await ledger.Settled().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("some snapshots were not saved within 10 s of the stop: what they hold is applied again after the restart");
        }
    }
}
