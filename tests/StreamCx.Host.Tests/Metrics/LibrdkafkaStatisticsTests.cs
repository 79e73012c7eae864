using StreamCx.Host.Metrics.Kafka;

namespace StreamCx.Host.Tests.Metrics;

public class LibrdkafkaStatisticsTests
{
    /// <summary>A report librdkafka 2.16 wrote for a consumer of a 4-partition topic on the mock cluster (see the file).</summary>
    private static string Sample() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "librdkafka-consumer-statistics.json"));

    [Fact]
    public void A_real_consumer_report_gives_client_broker_and_partition_figures()
    {
        var s = LibrdkafkaStatistics.Parse(Sample())!;
        Assert.Equal("consumer", s.ClientType);
        Assert.Equal(100, s.ReceivedMessages);
        Assert.Equal(1, s.Rebalances);
        Assert.Equal("up, steady", s.GroupState);
        var broker = Assert.Single(s.Brokers); // the GroupCoordinator entry (nodeid -1) is not a broker
        Assert.Equal(1, broker.NodeId);
        Assert.True(broker.Up);
        Assert.Equal(0.500659, broker.RttAverageSeconds);
        // partition -1 (librdkafka's internal "unassigned" partition) is left out
        Assert.Equal([0, 1, 2, 3], s.Partitions.Select(p => p.Partition));
        Assert.All(s.Partitions, p => Assert.Equal("feedback", p.Topic));
        // 0 and 3: everything stored; 1: 16 records after the stored offset; 2: nothing stored or committed yet, so the
        // whole partition (24 - 0) would be read again
        Assert.Equal(new long?[] { 0, 16, 24, 0 }, s.Partitions.Select(p => p.ConsumerLag));
    }

    [Fact]
    public void The_lag_of_an_empty_partition_is_zero_even_with_nothing_stored()
    {
        var s = LibrdkafkaStatistics.Parse("""{"type":"consumer","topics":{"t":{"partitions":{"0":{"partition":0,"consumer_lag":-1,"consumer_lag_stored":-1,"lo_offset":7,"hi_offset":7}}}}}""")!;
        Assert.Equal(0, Assert.Single(s.Partitions).ConsumerLag);
    }

    [Theory]
    [InlineData("""{"state":"wait-coord","join_state":"init"}""", "wait-coord, init")]
    [InlineData("""{"state":"query-coord"}""", "query-coord")]
    [InlineData("""{"state":"up","join_state":7}""", "up")]
    [InlineData("""{"state":1,"join_state":"steady"}""", null)]
    public void The_consumer_groups_state_reads_with_its_join_state_when_given(string group, string? expected)
    {
        var s = LibrdkafkaStatistics.Parse($$"""{"type":"consumer","cgrp":{{group}}}""")!;
        Assert.Equal(expected, s.GroupState);
    }

    [Fact]
    public void The_lag_falls_back_to_the_committed_offset_when_nothing_was_stored()
    {
        var s = LibrdkafkaStatistics.Parse("""{"type":"consumer","topics":{"t":{"partitions":{"2":{"partition":2,"consumer_lag":42,"consumer_lag_stored":-1}}}}}""")!;
        Assert.Equal(42, Assert.Single(s.Partitions).ConsumerLag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"type\":")]
    public void Text_that_is_not_a_JSON_object_gives_nothing(string json) => Assert.Null(LibrdkafkaStatistics.Parse(json));

    [Fact]
    public void Absurdly_deep_JSON_gives_nothing_rather_than_an_exception()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Null(LibrdkafkaStatistics.Parse("{\"brokers\":" + deep + "}"));
    }

    [Fact]
    public void Ill_typed_or_out_of_range_fields_read_as_absent()
    {
        var s = LibrdkafkaStatistics.Parse("""
            {"type":7,"rxmsgs":"many","txmsgs":1e400,"replyq":-3,"cgrp":[],
             "brokers":{"a":{"nodeid":"1"},"b":{"nodeid":99999999999},"c":[],"d":{"nodeid":2,"state":"DOWN","rtt":{"avg":"x","cnt":1}}},
             "topics":{"t":{"partitions":{"x":{"partition":-5},"y":{"partition":3000000000},"z":{"partition":4,"fetchq_cnt":[1]}}},"u":"v","w":{"partitions":7}}}
            """)!;
        Assert.Equal("unknown", s.ClientType);
        Assert.Equal(0, s.ReceivedMessages);
        Assert.Equal(0, s.TransmittedMessages);
        Assert.Equal(-3, s.ReplyQueue);
        Assert.Null(s.Rebalances);
        Assert.Null(s.GroupState);
        var broker = Assert.Single(s.Brokers);
        Assert.Equal((2, false, (double?)null), (broker.NodeId, broker.Up, broker.RttAverageSeconds));
        var partition = Assert.Single(s.Partitions);
        Assert.Equal(("t", 4, (long?)null, 0L), (partition.Topic, partition.Partition, partition.ConsumerLag, partition.FetchQueueMessages));
    }
}
