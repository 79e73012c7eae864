using CsCheck;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>What ingestion guarantees end to end: duplicates once, lateness by rule, bad input without side effects.</summary>
public sealed class FeedbackProcessorIngestionTests
{
    private static readonly DetectionSettings Settings = new();
    private static readonly DateTimeOffset T = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Site = TestCatalog.LilleCentre;
    private const string Attr = TestCatalog.WaitingTime;

    private static FeedbackProcessor NewProcessor() => new(TestCatalog.Create(), Settings, new FakeTimeProvider(FeedbackJson.Now));

    private static FeedbackEvent Rating(string id, DateTimeOffset at, double value, string site = Site) =>
        new(id, at, site, "store", new Dictionary<string, double> { [Attr] = value });

    private static AttributeMonitor MonitorOf(FeedbackProcessor p, string site = Site) =>
        p.Monitor(site, Attr) ?? throw new Xunit.Sdk.XunitException($"no monitor for {site}/{Attr}");

    [Fact]
    public void Duplicate_event_id_counts_once()
    {
        var p = NewProcessor();

        p.Process(Rating("e1", T, 4));
        p.Process(Rating("e1", T, 4));
        p.Process(Rating("e1", T.AddMinutes(3), 1)); // same id, other content: still the same event
        p.Process(Rating("e2", T.AddMinutes(1), 2));

        Assert.Equal(2, p.Counters.Duplicates);
        Assert.Equal(2, p.Counters.OnTime);
        var m = MonitorOf(p);
        Assert.Equal(2, m.Totals.Count);
        Assert.Equal(6, m.Totals.Sum);
        Assert.Equal(2, m.PeerWindowStats.Count);
        Assert.Equal(6, m.PeerWindowStats.Sum);
    }

    [Fact]
    public void Duplicate_does_not_touch_headline_scores()
    {
        var p = NewProcessor();
        var withNps = new FeedbackEvent("n1", T, Site, "web", new Dictionary<string, double>()) { Nps = 10 };

        p.Process(withNps);
        Assert.Empty(p.Process(withNps));

        Assert.Equal(1, p.Site(Site)!.Headline.Current.Nps.Count);
        Assert.Equal(1, p.Counters.Duplicates);
        Assert.Equal(1, p.Counters.OnTime);
    }

    [Fact]
    public void Late_event_within_allowed_lateness_is_counted_in_its_window()
    {
        var p = NewProcessor();
        var newest = T.AddHours(2);
        p.Process(Rating("e1", T, 4));
        p.Process(Rating("e2", newest, 4));

        // exactly at the end of the allowed lateness: still counted
        var lateAt = newest - Settings.MaxOutOfOrderness - Settings.AllowedLateness;
        p.Process(Rating("late", lateAt, 1));

        Assert.Equal(1, p.Counters.Late);
        Assert.Equal(0, p.Counters.TooLate);
        var m = MonitorOf(p);
        Assert.Equal(new AttributeTotals(3, 9, 0), m.Totals);
        Assert.Equal(3, m.PeerWindowStats.Count);
        Assert.Equal(9, m.PeerWindowStats.Sum);
        Assert.Equal(1, m.PeerWindowStats.Dissatisfied);
    }

    [Fact]
    public void Too_late_event_is_counted_in_totals_but_not_in_the_window()
    {
        var p = NewProcessor();
        var newest = T.AddHours(2);
        p.Process(Rating("e1", T, 4));
        p.Process(Rating("e2", newest, 4));

        var tooLateAt = newest - Settings.MaxOutOfOrderness - Settings.AllowedLateness - TimeSpan.FromTicks(1);
        var alerts = p.Process(Rating("too-late", tooLateAt, 1));

        Assert.Empty(alerts);
        Assert.Equal(1, p.Counters.TooLate);
        Assert.Equal(0, p.Counters.Late);
        Assert.Equal(2, p.Counters.OnTime);
        var m = MonitorOf(p);
        Assert.Equal(new AttributeTotals(3, 9, 1), m.Totals);
        Assert.Equal(2, m.PeerWindowStats.Count);
        Assert.Equal(8, m.PeerWindowStats.Sum);
        Assert.Equal(0, m.PeerWindowStats.Dissatisfied);
    }

    [Fact]
    public void Too_late_event_is_still_remembered_as_seen()
    {
        var p = NewProcessor();
        p.Process(Rating("e1", T.AddHours(5), 4));
        var tooLate = Rating("old", T, 2);

        p.Process(tooLate);
        p.Process(tooLate);

        Assert.Equal(1, p.Counters.TooLate);
        Assert.Equal(1, p.Counters.Duplicates);
        Assert.Equal(new AttributeTotals(2, 6, 1), MonitorOf(p).Totals);
    }

    [Fact]
    public void Lateness_is_judged_per_site()
    {
        var p = NewProcessor();
        p.Process(Rating("e1", T.AddHours(5), 4, TestCatalog.LilleCentre));

        p.Process(Rating("e2", T, 3, TestCatalog.Roubaix)); // old for Lille, but Roubaix has seen nothing

        Assert.Equal(2, p.Counters.OnTime);
        Assert.Equal(1, MonitorOf(p, TestCatalog.Roubaix).PeerWindowStats.Count);
    }

    [Fact]
    public void Malformed_events_among_valid_ones_do_not_disturb_them()
    {
        var parser = Parsing.Parser();
        var at = FeedbackJson.Now.AddHours(-3);
        string Valid(string id, int minutes, double value) =>
            FeedbackJson.Text(FeedbackJson.WithRatings(id, Site, at.AddMinutes(minutes), (Attr, value)));
        var lines = new[]
        {
            Valid("v1", 0, 4),
            "{\"eventId\":\"bad-1\",\"siteId\":",                                              // truncated
            Valid("v2", 5, 2),
            "{\"eventId\":\"bad-2\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"siteId\":\"store-lille-centre\",\"channel\":\"store\",\"ratings\":{\"waiting-time\":9}}", // out of scale
            "[]",
            Valid("v3", 10, 5),
            FeedbackJson.Text(FeedbackJson.WithRatings("bad-3", "store-atlantis", at, (Attr, 3))),  // unknown site
            "\u00ff\u00fe garbage",
            Valid("v4", 12, 1),
            FeedbackJson.Text(FeedbackJson.WithRatings("bad-4", Site, at.AddMinutes(20), (TestCatalog.StaffCourtesy, 5)))
                .Replace("\"ratings\":", "\"ratings\":{\"waiting-time\":3},\"ratings\":", StringComparison.Ordinal), // "ratings" twice
        };

        var outcomes = lines.Select(l => parser.Parse(FeedbackJson.Bytes(l))).ToList();
        var valid = outcomes.Where(o => o.IsValid).Select(o => o.Event!).ToList();
        var mixed = NewProcessor();
        foreach (var e in valid) mixed.Process(e);
        var clean = NewProcessor();
        foreach (var line in new[] { Valid("v1", 0, 4), Valid("v2", 5, 2), Valid("v3", 10, 5), Valid("v4", 12, 1) })
            clean.Process(parser.Parse(FeedbackJson.Bytes(line)).Event!);

        Assert.Equal(["v1", "v2", "v3", "v4"], valid.Select(e => e.EventId));
        Assert.Equal(6, outcomes.Count(o => o.Rejection is not null));
        var m = MonitorOf(mixed);
        Assert.Equal(new AttributeTotals(4, 12, 0), m.Totals);
        Assert.Equal(4, mixed.Counters.OnTime);
        Assert.Equal(MonitorOf(clean).Totals, m.Totals);
        Assert.Equal(MonitorOf(clean).PeerWindowStats, m.PeerWindowStats);
        Assert.Null(mixed.Monitor(Site, TestCatalog.StaffCourtesy));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:04:59Z")]
    [InlineData("0001-01-02T23:59:59Z")]
    public void Timestamp_near_the_minimum_date_is_rejected_or_processed_without_throwing(string occurredAt)
    {
        // The parser has no lower bound on occurredAt; the intake then computes "newest - horizon",
        // "newest - out-of-orderness" and "newest - lateness", which must not fall off DateTimeOffset.MinValue.
        var json = FeedbackJson.WithRatings("ancient", Site, T, (Attr, 3));
        json["occurredAt"] = occurredAt;
        var outcome = Parsing.Parse(FeedbackJson.Bytes(json));

        if (outcome.Event is { } e)
        {
            var p = NewProcessor();
            var error = Record.Exception(() => p.Process(e));
            Assert.Null(error);
            Assert.Equal(1, MonitorOf(p).Totals.Count);
        }
        else
        {
            Assert.NotNull(outcome.Rejection);
        }
    }

    [Fact]
    public void Totals_count_each_distinct_id_once_whatever_the_order_and_repeats()
    {
        // ids 0..29 drawn with repeats; each id always carries the same time and value, like a redelivery.
        var gen = Gen.Int[0, 29].Array[1, 120];

        gen.Sample(ids =>
        {
            var p = NewProcessor();
            foreach (var id in ids) p.Process(Rating($"e{id}", T.AddMinutes(id), 1 + (id % 5)));

            var distinct = ids.Distinct().ToList();
            var m = MonitorOf(p);
            Assert.Equal(distinct.Count, m.Totals.Count);
            Assert.Equal(distinct.Sum(id => 1 + (id % 5)), m.Totals.Sum);
            Assert.Equal(ids.Length - distinct.Count, p.Counters.Duplicates);
            Assert.Equal(ids.Length, p.Counters.OnTime + p.Counters.Late + p.Counters.TooLate + p.Counters.Duplicates);
            Assert.Equal(0, p.Counters.TooLate); // 30 minutes of spread is within the allowed lateness
            Assert.Equal(distinct.Count, m.PeerWindowStats.Count);
        }, iter: 300);
    }
}
