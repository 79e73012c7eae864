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
}
