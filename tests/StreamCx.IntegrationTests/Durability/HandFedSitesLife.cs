using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.IntegrationTests.Durability;

/// <summary>
/// A simulation of one engine life (until disposed, as by a crash), for unit tests of snapshots and offsets: an actor
/// system with the sites actor on a real snapshot store, fed by hand — no Kafka and no ingestion stream; the test
/// feeds the offset ledger the way the ingestion does — and the alerts it published. The real consume-and-commit path
/// is covered by the tests that run the engine process against a broker (Kafka/, Durability/CrashTests).
/// </summary>
public sealed class HandFedSitesLife : TestKit
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public HandFedSitesLife(SnapshotSettings settings, ReferenceCatalog catalog)
        : base(SnapshotStore.ConfigFor(settings).WithFallback(ConfigurationFactory.ParseString("akka.loglevel = INFO")))
    {
        Hub.Alerts.Subscribe(a => { lock (Alerts) Alerts.Add(a); });
        var durability = new SiteDurability(settings, Persistence.Instance.Apply(Sys).SnapshotStoreFor(null), Ledger, Counters);
        Sites = Sys.ActorOf(SitesActor.Create(catalog, new DetectionSettings(), Hub, durability: durability));
    }

    public AlertHub Hub { get; } = new(new FakeTimeProvider(Start));
    public OffsetLedger Ledger { get; } = new();
    public SnapshotCounters Counters { get; } = new();
    public List<Alert> Alerts { get; } = [];
    public IActorRef Sites { get; }

    /// <summary>One event at <paramref name="offset"/> of partition feedback/0, read to its end after it (as when events are produced one at a time).</summary>
    public AppliedOutcome Apply(long offset, string site, double hours, double rating) => ApplyBatch([(offset, site, hours, rating)])[0];

    /// <summary>
    /// Events (offset, site, hours, rating) sent to the sites in one batch, as the ingestion stream sends them under load,
    /// the partition read to its end after them.
    /// </summary>
    public AppliedOutcome[] ApplyBatch(IReadOnlyList<(long Offset, string Site, double Hours, double Rating)> events)
    {
        var batch = events.Select(x => new ApplyFeedback(
            new FeedbackEvent($"e{x.Offset}", Start.AddHours(x.Hours), x.Site, "store", new Dictionary<string, double> { ["waiting-time"] = x.Rating }),
            new SourcePosition("feedback", 0, x.Offset))).ToArray();
        var receipt = new FeedbackReceipt(batch.Length);
        Sites.Tell(new ApplyFeedbackBatch(batch, receipt) { CaughtUp = [(batch.Length, "feedback/0")] });
        var outcomes = receipt.Completion.WaitAsync(TimeSpan.FromSeconds(10)).Result;
        for (var i = 0; i < events.Count; i++)
        {
            if (outcomes[i].AlreadyApplied) Ledger.Done(new("feedback", 0, events[i].Offset));
            else Ledger.Applied(events[i].Site, new("feedback", 0, events[i].Offset));
        }
        return outcomes;
    }

    /// <summary>The next offset the consumer would resume from after a crash.</summary>
    public long Committable() => Ledger.Committable() is [var c] ? c.NextOffset : 0;

    public void WaitUntilDurable(long upTo, TimeSpan? within = null) =>
        AwaitCondition(() => Committable() > upTo, within ?? TimeSpan.FromSeconds(15));

    public SiteScores Scores(string site) => Sites.Ask<SiteScores>(new GetSiteScores(site), TimeSpan.FromSeconds(5)).Result;
}
