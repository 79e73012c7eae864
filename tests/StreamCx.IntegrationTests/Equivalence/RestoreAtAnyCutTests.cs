using System.Text;
using System.Text.RegularExpressions;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using Xunit.Abstractions;

namespace StreamCx.IntegrationTests.Equivalence;

/// <summary>
/// The region's state as the engine saves and restores it, without Kafka or actors: the equivalence scenario's events are
/// applied in event order; every <c>period</c> events the sites changed since the last cut are encoded as the engine
/// encodes them (the others keep their older snapshot); at a cut, a fresh processor restores every site's latest snapshot
/// (grouping and view shares included) and applies the rest. Whatever the cut, the alerts must be replay's: any state
/// left out of a snapshot, or rebuilt differently from the sites' copies, shows here deterministically.
/// </summary>
public sealed class RestoreAtAnyCutTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("north", 50, 15)] // Lille's trend alert and the region's driver importance
    [InlineData("south", 211, 15)] // Marseille's peer alert
    [InlineData("west", 50, 13)] // the network-wide move's three sites in the west: trend, peer and region group
    [InlineData("west", 97, 13)]
    [InlineData("east", 61, 13)]
    public void A_region_restored_from_the_snapshots_of_any_cut_gives_the_alerts_of_replay(string region, int period, int seed)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "config");
        var catalog = ReferenceDataLoader.Load(Path.Combine(dir, "sites.json"), Path.Combine(dir, "attributes.json"));
        var clock = TimeProvider.System;
        var parser = new FeedbackParser(catalog, new ParserLimits(), clock);
        var settings = new DetectionSettings();
        var events = new EquivalenceFeedback(seed).Messages
            .Select(m => parser.Parse(Encoding.UTF8.GetBytes(m.Json)).Event)
            .OfType<FeedbackEvent>() // the feedback (not what the listening sources hear)
            .Where(e => catalog.Site(e.SiteId).RegionId == region)
            .ToList();

        var replay = Apply(new FeedbackProcessor(catalog, settings, clock), events);
        Assert.NotEmpty(replay);

        var cuts = Enumerable.Range(1, 12).Select(i => i * events.Count / 13).ToList();
        var differing = new List<string>();
        foreach (var cut in cuts)
        {
            var saver = new FeedbackProcessor(catalog, settings, clock);
            var store = new Dictionary<string, SiteSnapshot>(StringComparer.Ordinal);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            var before = new List<string>();
            for (var i = 0; i < cut; i++)
            {
                before.AddRange(Apply(saver, [events[i]]));
                changed.Add(events[i].SiteId);
                if ((i + 1) % period != 0 && i != cut - 1) continue;
                foreach (var siteId in changed) store[siteId] = Save(saver, siteId);
                changed.Clear();
            }

            var restored = new FeedbackProcessor(catalog, settings, clock);
            foreach (var snapshot in store.Values)
            {
                restored.Restore(snapshot.SiteId, snapshot.Intake, snapshot.Attributes);
                if (snapshot.Grouping is { } grouping) restored.RestoreGrouping(snapshot.SiteId, grouping);
            }
            restored.RestoreView(region, store.Values.ToDictionary(s => s.SiteId, s => s.View, StringComparer.Ordinal));
            var alerts = before.Concat(Apply(restored, events.Skip(cut))).ToList();
            if (alerts.SequenceEqual(replay)) continue;
            differing.Add($"cut after event {cut} ({events[cut - 1].OccurredAt:O}): missing {string.Join(" | ", replay.Except(alerts))}; extra {string.Join(" | ", alerts.Except(replay))}");
        }
        output.WriteLine($"{region}: {events.Count} events, {replay.Count} alert emissions in replay, {cuts.Count} cuts every {period} events");
        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }

    private static List<string> Apply(FeedbackProcessor processor, IEnumerable<FeedbackEvent> events) =>
        [.. events.SelectMany(processor.Process).Select(a => Regex.Replace(ContractJson.Serialize(a), "\"emittedAt\":\"[^\"]*\",?", ""))];

    /// <summary>What the engine saves of a site (its state, its share of the region's view, the region's grouping), through the engine's codec.</summary>
    private static SiteSnapshot Save(FeedbackProcessor processor, string siteId)
    {
        var (intake, attributes) = processor.Capture(siteId);
        var snapshot = new SiteSnapshot(SiteSnapshot.CurrentVersion, siteId, intake, attributes, new Dictionary<string, long>())
        {
            View = processor.ViewShareOf(siteId),
            Grouping = processor.GroupingOf(siteId),
        };
        return SnapshotCodec.Decode(SnapshotCodec.Encode(snapshot), siteId);
    }
}
