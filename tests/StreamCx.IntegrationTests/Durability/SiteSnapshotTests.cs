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

/// <summary>Snapshots in a real SQLite file.</summary>
public sealed class SqliteSiteSnapshotTests() : SiteSnapshotTests(null);

/// <summary>Snapshots in a real PostgreSQL server (one per test run), each test in its own schema-free table set.</summary>
public sealed class PostgresSiteSnapshotTests() : SiteSnapshotTests(Infrastructure.PostgresServer.Shared.NewDatabase());

/// <summary>Site snapshots across two actor systems (a restart), against a real store.</summary>
public abstract class SiteSnapshotTests : IDisposable
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"streamcx-snap-{Guid.NewGuid():N}.db");
    private readonly SnapshotSettings _settings;

    protected SiteSnapshotTests(string? postgres)
    {
        _settings = postgres is null
            ? new SnapshotSettings { ConnectionString = _db }
            : new SnapshotSettings { Provider = "postgresql", ConnectionString = postgres };
        _settings.EveryEvents = 25;
        _settings.EveryInterval = TimeSpan.FromMilliseconds(200);
    }

    public void Dispose()
    {
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(_db)!, Path.GetFileName(_db) + "*")) File.Delete(f);
    }

    [Fact]
    public void After_a_restart_a_site_skips_what_its_snapshot_holds_and_counts_the_rest_once()
    {
        using (var first = new HandFedSitesLife(_settings, Catalog))
        {
            for (var o = 0; o < 50; o++) first.Apply(o, "s1", o / 10.0, 4);
            first.WaitUntilDurable(49);
            Assert.Equal(50, first.Committable());
            Assert.True(first.Counters.Saved > 0);
        }

        using var second = new HandFedSitesLife(_settings, Catalog);
        // the consumer resumes from an older committed offset: 30..49 come again, then new ones
        for (var o = 30; o < 60; o++)
        {
            var applied = second.Apply(o, "s1", o / 10.0, 4);
            Assert.Equal(o < 50, applied.AlreadyApplied);
        }
        var totals = second.Scores("s1").Attributes["waiting-time"];
        Assert.Equal(60, totals.Count);
        Assert.Equal(240, totals.Sum);
    }

    [Fact]
    public void A_snapshot_due_in_the_middle_of_a_batch_is_taken_after_it_and_holds_every_event_its_offsets_cover()
    {
        _settings.EveryInterval = TimeSpan.FromHours(1); // only the 25-event threshold snapshots
        using (var first = new HandFedSitesLife(_settings, Catalog))
        {
            var outcomes = first.ApplyBatch([.. Enumerable.Range(0, 40).Select(o => ((long)o, "s1", o / 10.0, 1.0 + (o % 5)))]);
            Assert.All(outcomes, o => Assert.False(o.AlreadyApplied));
            first.WaitUntilDurable(39);
            Assert.Equal(40, first.Committable()); // the region's sites are captured between two messages: the whole batch
            first.ApplyBatch([.. Enumerable.Range(40, 10).Select(o => ((long)o, "s1", o / 10.0, 1.0 + (o % 5)))]); // 10 more: under the threshold
        }

        using var second = new HandFedSitesLife(_settings, Catalog);
        for (var o = 0; o < 50; o++) Assert.Equal(o < 40, second.Apply(o, "s1", o / 10.0, 1.0 + (o % 5)).AlreadyApplied);
        var scores = second.Scores("s1");
        Assert.Equal(50, scores.Attributes["waiting-time"].Count);
        Assert.Equal(150, scores.Attributes["waiting-time"].Sum); // 10 × (1+2+3+4+5)
        Assert.Equal(50, scores.Scores["waiting-time"].Window.Count); // the window itself, restored from the attribute's state
    }

    [Fact]
    public void An_open_alert_continues_across_a_restart_with_the_same_id()
    {
        var offset = 0L;
        var rnd = new Random(9);
        double Rating(string site, double h, bool recovered) =>
            Math.Clamp(Math.Round((site == "s0" && !recovered ? 3.2 : 4.3) + ((rnd.NextDouble() - 0.5) * 1.4)), 1, 5);

        string opened;
        using (var first = new HandFedSitesLife(_settings, Catalog))
        {
            for (var i = 0; i < 6 * 20 * 14; i++) first.Apply(offset++, $"s{i % 6}", i / 120.0, Rating($"s{i % 6}", i / 120.0, false));
            first.AwaitCondition(() => { lock (first.Alerts) return first.Alerts.Any(a => a.Status == AlertStatus.Open); }, TimeSpan.FromSeconds(10));
            lock (first.Alerts) opened = first.Alerts.Single(a => a.Status == AlertStatus.Open).AlertId;
            first.WaitUntilDurable(offset - 1);
        }

        using var second = new HandFedSitesLife(_settings, Catalog);
        for (var i = 0; i < 6 * 20 * 16; i++)
        {
            var h = 14 + (i / 120.0);
            second.Apply(offset++, $"s{i % 6}", h, Rating($"s{i % 6}", h, true));
        }
        second.AwaitCondition(() => { lock (second.Alerts) return second.Alerts.Any(a => a.Status == AlertStatus.Resolved); }, TimeSpan.FromSeconds(10));
        lock (second.Alerts)
        {
            Assert.True(!second.Alerts.Any(a => a.Status == AlertStatus.Open), string.Join("\n", second.Alerts.Select(a => $"{a.Status} {a.AlertId} {a.SiteId} {a.RaisedAt} {a.Explanation}")) + " opened " + opened);
            var resolved = second.Alerts.Single(a => a.Status == AlertStatus.Resolved);
            Assert.Equal(opened, resolved.AlertId);
            Assert.True(resolved.Sequence >= 2);
        }
    }

    [Fact]
    public void An_unreadable_snapshot_is_reported_with_the_actor_and_the_site_rebuilds_instead_of_failing()
    {
        using (var first = new HandFedSitesLife(_settings, Catalog))
        {
            var store = Persistence.Instance.Apply(first.Sys).SnapshotStoreFor(null);
            store.Tell(new SaveSnapshot(new SnapshotMetadata("site-s2", 7, DateTime.UtcNow), "garbage"u8.ToArray()), first.TestActor);
            first.ExpectMsg<SaveSnapshotSuccess>(TimeSpan.FromSeconds(10));
        }

        using var second = new HandFedSitesLife(_settings, Catalog);
        second.EventFilter.Error(contains: "site-s2").ExpectOne(() => second.Apply(0, "s2", 1, 4));
        Assert.Equal(1, second.Counters.Unreadable);
        Assert.Equal(1, second.Scores("s2").Attributes["waiting-time"].Count);
    }
}
