using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Channels;

/// <summary>
/// One truth: feedback offered as it comes (shuffled within what the frontier has not passed yet, split in batches) and
/// released by the frontier of event time gives the channel alerts of the same feedback applied in event order.
/// </summary>
public sealed class ChannelOrderTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Offered_out_of_order_and_released_by_the_frontier_gives_the_alerts_of_event_order(int seed)
    {
        var inOrder = ChannelGapTests.Replay(ChannelRestoreTests.GapOnsetAndRecovery(seed));

        var live = new ChannelProcessor(TestCatalog.Create(), new ChannelSettings(), Clock);
        var steps = ChannelRestoreTests.LiveSteps(seed);
        var alerts = ChannelRestoreTests.Run(live, steps, 0, steps.Count);

        Assert.NotEmpty(inOrder);
        Assert.Equal(0, live.Late);
        Assert.Equal(inOrder.Select(ContractJson.Serialize), alerts.Select(ContractJson.Serialize));
    }

    [Fact]
    public void An_hour_is_tested_once_the_frontier_has_passed_every_instant_of_it()
    {
        var live = new ChannelProcessor(TestCatalog.Create(), new ChannelSettings(), Clock);
        var ten = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        live.Offer(new FeedbackEvent("f-1", ten.AddMinutes(15), TestCatalog.LilleCentre, "phone", new RatingDictionary([new(TestCatalog.WaitingTime, 4)])));

        live.Advance(ten.AddMinutes(15));
        Assert.Equal(ten, live.TestedThrough);
        // every input is at 11:00 at least (the frontier stops just before a time an input may still deliver more at):
        // nothing more of 10:00-11:00 can come
        live.Advance(ten.AddHours(1).AddTicks(-1));
        Assert.Equal(ten.AddHours(1), live.TestedThrough);
    }
}
