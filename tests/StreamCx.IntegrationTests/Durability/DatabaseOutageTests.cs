using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Durability;

/// <summary>PostgreSQL stopped for 30 s while events flow, on a server of this test's own.</summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private readonly PostgresServer _server = new();

    public void Dispose() => _server.Dispose();

    private static double Rating(long offset) => 1 + (offset % 5);

    [Fact]
    public void The_engine_keeps_processing_holds_back_commits_catches_up_and_a_crash_after_loses_nothing()
    {
        var settings = new SnapshotSettings { Provider = "postgresql", ConnectionString = _server.NewDatabase(), EveryEvents = 20, EveryInterval = TimeSpan.FromMilliseconds(200) };
        long committedBeforeCrash;
        var offset = 0L;
        using (var life = new HandFedSitesLife(settings, Catalog))
        {
            for (; offset < 200; offset++) life.Apply(offset, $"s{offset % 6}", offset / 60.0, Rating(offset));
            life.WaitUntilDurable(199);

            var outage = System.Diagnostics.Stopwatch.StartNew();
            _server.Stop();
            for (; offset < 400; offset++) life.Apply(offset, $"s{offset % 6}", offset / 60.0, Rating(offset)); // keeps processing
            life.AwaitCondition(() => life.Counters.Failed > 0, TimeSpan.FromSeconds(30));
            Assert.True(life.Committable() <= 200, $"commits held back at the last durable offset, got {life.Committable()}");
            var remaining = TimeSpan.FromSeconds(30) - outage.Elapsed;
            if (remaining > TimeSpan.Zero) Thread.Sleep(remaining);
            Assert.True(life.Committable() <= 200);
            _server.Start();

            life.AwaitCondition(() => life.Committable() > 399, TimeSpan.FromSeconds(90),
                $"catch-up after the outage: committable {life.Committable()}, snapshots saved {life.Counters.Saved}, failed {life.Counters.Failed}"); // catches up once the database is back
            committedBeforeCrash = life.Committable();
        } // the crash: no final snapshot, nothing flushed

        using var next = new HandFedSitesLife(settings, Catalog);
        for (var o = committedBeforeCrash; o < 400; o++) next.Apply(o, $"s{o % 6}", o / 60.0, Rating(o)); // the consumer resumes here
        for (var site = 0; site < 6; site++)
        {
            var expected = Enumerable.Range(0, 400).Where(o => o % 6 == site).ToArray();
            var totals = next.Scores($"s{site}").Attributes["waiting-time"];
            Assert.Equal(expected.Length, totals.Count);
            Assert.Equal(expected.Sum(o => Rating(o)), totals.Sum);
        }
    }

    [Fact]
    public void A_crash_during_the_outage_resumes_from_the_held_back_offset_and_counts_everything_once()
    {
        var settings = new SnapshotSettings { Provider = "postgresql", ConnectionString = _server.NewDatabase(), EveryEvents = 20, EveryInterval = TimeSpan.FromMilliseconds(200) };
        long resumeAt;
        using (var life = new HandFedSitesLife(settings, Catalog))
        {
            for (var o = 0L; o < 120; o++) life.Apply(o, $"s{o % 6}", o / 60.0, Rating(o));
            life.WaitUntilDurable(119);
            _server.Stop();
            for (var o = 120L; o < 300; o++) life.Apply(o, $"s{o % 6}", o / 60.0, Rating(o));
            life.AwaitCondition(() => life.Counters.Failed > 0, TimeSpan.FromSeconds(30));
            resumeAt = life.Committable();
            Assert.True(resumeAt <= 120);
        }
        _server.Start();

        using var next = new HandFedSitesLife(settings, Catalog);
        for (var o = resumeAt; o < 300; o++) next.Apply(o, $"s{o % 6}", o / 60.0, Rating(o));
        var count = Enumerable.Range(0, 6).Sum(s => next.Scores($"s{s}").Attributes["waiting-time"].Count);
        var sum = Enumerable.Range(0, 6).Sum(s => next.Scores($"s{s}").Attributes["waiting-time"].Sum);
        Assert.Equal(300, count);
        Assert.Equal(Enumerable.Range(0, 300).Sum(o => Rating(o)), sum);
    }
}
