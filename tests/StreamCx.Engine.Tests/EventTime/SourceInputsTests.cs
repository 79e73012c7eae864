using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.EventTime;

/// <summary>
/// A region-topic partition held here releases nothing until it has heard of every partition of the source topics: a
/// reader slow to report one (its engine busy after a rebalance) is waited for, not passed because nobody named it yet.
/// </summary>
public sealed class SourceInputsTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new([new Site("s1", "Site 1", "north")], [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);
    private static readonly DateTimeOffset T = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_channel_waits_to_hear_of_every_source_partition_before_it_releases_anything(bool known)
    {
        var progress = new EventTimeProgress();
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), new AlertHub(_clock), progress: progress));
        if (known) sites.Tell(new SourceInputsKnown(["feedback/0", "feedback/1"]));
        sites.Tell(new PartitionsAssigned([("regions", 0)]) { HearInputsFor = TimeSpan.FromSeconds(2) });

        // one reader says feedback/0 is read to its end, an hour past the event; feedback/1's reader has not spoken yet
        var e = new FeedbackEvent("e1", T, "s1", "store", new Dictionary<string, double> { ["waiting-time"] = 4 });
        var receipt = new FeedbackReceipt(1);
        sites.Tell(new ApplyFeedbackBatch([new ApplyFeedback(e, new SourcePosition("regions", 0, 0)) { Input = "feedback/0" }], receipt)
        {
            Reports = [(1, "regions/0", 1, [new InputReport("feedback/0", T.AddHours(1), CaughtUp: true)])],
        });
        await receipt.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        await PassTimeAsync(); // well past the time to hear of the inputs (the router checks its frontiers as the clock moves)

        if (!known)
        {
            // nothing named feedback/1: released on what was heard of (the behaviour without the source partitions)
            Assert.Equal(0, progress.Held);
            return;
        }
        Assert.Equal(1, progress.Held);
        var channel = Assert.Single(progress.Channels);
        Assert.Null(channel.Released);
        Assert.Contains(channel.Inputs, i => i.Input == "feedback/1" && i.Time is null); // expected, not heard of yet

        // feedback/1's reader speaks: read to its end too
        sites.Tell(new ApplyFeedbackBatch([], new FeedbackReceipt(0)) { Reports = [(0, "regions/0", 2, [new InputReport("feedback/1", T.AddHours(1), CaughtUp: true)])] });
        await PassTimeAsync();
        Assert.Equal(0, progress.Held);
    }

    /// <summary>Ten seconds of the engine's clock, a second at a time, each seen by the router's periodic check (every 250 ms).</summary>
    private async Task PassTimeAsync()
    {
        for (var s = 0; s < 10; s++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(300);
        }
    }
}
