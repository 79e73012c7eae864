using System.Text;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Journeys;
using StreamCx.Host.Intake;
using StreamCx.Kafka;

namespace StreamCx.Host.Tests.Intake;

public sealed class RegionTopicTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static ConsumedRecord Record(string? key, byte[] value) => new("streamcx.regions", 3, 17, key, value, null) { ReceivedAt = 42 };

    [Fact]
    public void An_event_record_carries_its_input_and_where_it_was_first_read()
    {
        var raw = RegionTopic.Decode(Record(RegionTopic.EventKey("store.feedback", 7, 1234), "{\"x\":1}"u8.ToArray()));

        Assert.Equal("store.feedback/7", raw.Input);
        Assert.Equal(new Engine.Pipeline.SourcePosition("store.feedback", 7, 1234), raw.Source);
        Assert.Equal(new Engine.Pipeline.SourcePosition("streamcx.regions", 3, 17), raw.Position); // what the regions commit
        Assert.Equal("{\"x\":1}", Encoding.UTF8.GetString(raw.Value.Span));
        Assert.Equal(42, raw.ConsumedAt);
        Assert.Null(raw.Reports);
    }

    [Theory]
    [InlineData(JourneyParts.Journeys | JourneyParts.Counted)]
    [InlineData(JourneyParts.Accounts)]
    [InlineData(JourneyParts.All)]
    public void A_journeys_copy_carries_its_parts_besides_where_it_was_first_read(JourneyParts parts)
    {
        var raw = RegionTopic.Decode(Record(RegionTopic.JourneyCopyKey("store.feedback", 7, 1234, parts), "{\"x\":1}"u8.ToArray()));

        Assert.Equal(parts, raw.JourneyParts);
        Assert.Equal(new Engine.Pipeline.SourcePosition("store.feedback", 7, 1234), raw.Source);
        Assert.Equal("store.feedback/7", raw.Input);
        Assert.Null(RegionTopic.Decode(Record(RegionTopic.EventKey("store.feedback", 7, 1234), "{}"u8.ToArray())).JourneyParts); // the site's copy
    }

    [Fact]
    public void A_report_record_carries_the_reports_of_every_input()
    {
        var reports = new[] { new InputReport("store/0", T0, CaughtUp: true), new InputReport("web/1", null, CaughtUp: false), new InputReport("web/2", T0, CaughtUp: false, Idle: true) };

        var raw = RegionTopic.Decode(Record(RegionTopic.ReportsKey, RegionTopic.ReportsValue(reports)));

        Assert.Equal(reports, raw.Reports);
        Assert.Null(raw.Input);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("s1")]
    [InlineData("topic/x/12")]
    [InlineData("topic/1/")]
    [InlineData("/1/2")]
    [InlineData(RegionTopic.ReportsKey)]
    [InlineData("topic/1/2#journeys=0")]
    [InlineData("topic/1/2#journeys=8")]
    [InlineData("topic/1/2#journeys=255")]
    [InlineData("topic/1/2#journeys=-1")]
    [InlineData("topic/1/2#journeys=x")]
    [InlineData("topic/1/2#journeys=")]
    [InlineData("#journeys=7")]
    public void A_record_an_intake_did_not_write_is_passed_on_as_it_is_to_be_rejected(string? key)
    {
        var raw = RegionTopic.Decode(Record(key, "not reports"u8.ToArray()));

        Assert.Null(raw.Input);
        Assert.Null(raw.Reports);
        Assert.Null(raw.Source);
        Assert.Equal("not reports", Encoding.UTF8.GetString(raw.Value.Span));
    }

    [Fact]
    public void A_region_always_goes_to_the_same_partition_and_regions_spread_over_them()
    {
        var regions = Enumerable.Range(0, 200).Select(i => $"region-{i}").ToArray();
        var placed = regions.Select(r => RegionTopic.PartitionOf(r, 12)).ToArray();

        Assert.Equal(placed, regions.Select(r => RegionTopic.PartitionOf(r, 12)));
        Assert.All(placed, p => Assert.InRange(p, 0, 11));
        Assert.Equal(12, placed.Distinct().Count());
    }
}
