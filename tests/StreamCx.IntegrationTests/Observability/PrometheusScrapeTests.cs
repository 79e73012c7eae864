using System.Globalization;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>A real Prometheus scrapes the running engine; its HTTP API must show what the engine did with the known feedback.</summary>
[Collection(ObservedEngineCollection.Name)]
public class PrometheusScrapeTests(ObservedEngineFixture engine)
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(30);

    private async Task<Dictionary<string, double>> NonZeroBy(string label, string metric)
    {
        await engine.Prometheus.WaitForValueAsync("sum(streamcx_events_consumed_total)", engine.Feedback.Count, ScrapeWait);
        var result = await engine.Prometheus.QueryAsync($"sum by ({label}) ({metric}) > 0");
        return result.ToDictionary(r => r.Labels[label], r => r.Value);
    }

    private static Dictionary<string, double> AsDoubles(Dictionary<string, int> counts) => counts.ToDictionary(c => c.Key, c => (double)c.Value);

    [Fact]
    public async Task Prometheus_finds_the_consumed_events_counter_equal_to_the_number_of_events_produced()
    {
        var consumed = await engine.Prometheus.WaitForValueAsync("sum(streamcx_events_consumed_total)", engine.Feedback.Count, ScrapeWait);
        Assert.Equal(engine.Feedback.Count, consumed);
        Assert.Equal(AsDoubles(engine.Feedback.ConsumedByChannel), await NonZeroBy("channel", "streamcx_events_consumed_total"));
        Assert.Equal([engine.Topic], (await NonZeroBy("topic", "streamcx_events_consumed_total")).Keys);
    }

    [Fact]
    public async Task Rejections_late_events_and_duplicates_are_counted_by_their_labels()
    {
        Assert.Equal(AsDoubles(engine.Feedback.RejectedByReason), await NonZeroBy("reason", "streamcx_events_rejected_total"));
        Assert.Equal(AsDoubles(engine.Feedback.LateByLateness), await NonZeroBy("lateness", "streamcx_events_late_total"));
        Assert.Equal(engine.Feedback.Duplicates, await engine.Prometheus.ScalarAsync("sum(streamcx_events_duplicate_total)"));
        Assert.Equal(engine.Feedback.Rejected, await engine.Prometheus.ScalarAsync("sum(streamcx_dead_letters_total)"));
        Assert.Equal(engine.Feedback.Rejected, await engine.Prometheus.ScalarAsync("sum(streamcx_kafka_produced_records_total{topic=\"streamcx.deadletters\",outcome=\"delivered\"})"));
    }

    [Fact]
    public async Task The_processing_latency_histogram_has_one_observation_per_message_that_reached_its_site()
    {
        var expected = engine.Feedback.Count - engine.Feedback.Rejected;
        Assert.Equal(expected, await engine.Prometheus.WaitForValueAsync("sum(streamcx_event_processing_latency_seconds_count)", expected, ScrapeWait));
        Assert.Equal(expected, await engine.Prometheus.ScalarAsync("sum(streamcx_event_processing_latency_seconds_bucket{le=\"+Inf\"})"));
        Assert.True(await engine.Prometheus.ScalarAsync("sum(streamcx_event_processing_latency_seconds_sum)") > 0);
        var p99 = await engine.Prometheus.ScalarAsync("histogram_quantile(0.99, sum by (le) (streamcx_event_processing_latency_seconds_bucket))");
        Assert.True(p99 is > 0 and < 30, $"p99 processing latency {p99}");
    }

    [Fact]
    public async Task The_event_to_alert_latency_histogram_has_one_observation_per_alert_emission()
    {
        using var doc = JsonDocument.Parse(await engine.Web.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
        var emitted = doc.RootElement.GetProperty("alertsEmitted").GetInt64();
        Assert.True(emitted > 0);
        Assert.Equal(emitted, await engine.Prometheus.WaitForValueAsync("sum(streamcx_event_to_alert_latency_seconds_count)", emitted, ScrapeWait));
        Assert.Equal(emitted, await engine.Prometheus.ScalarAsync("sum(streamcx_alerts_emitted_total)"));
        Assert.True(await engine.Prometheus.ScalarAsync("sum(streamcx_event_to_alert_latency_seconds_sum)") > 0);
        Assert.True(await engine.Prometheus.ScalarAsync("sum(streamcx_alerts_emitted_total{status=\"open\"})") >= 1);
        Assert.True(await engine.Prometheus.ScalarAsync("sum(streamcx_alert_factors_total{kind=\"peer\"})") >= 1);
        Assert.True(await engine.Prometheus.ScalarAsync("streamcx_alerts_open") >= 1);
    }

    [Fact]
    public async Task Consumer_lag_is_published_per_assigned_partition_in_offsets_and_in_seconds()
    {
        Assert.Equal(4, await engine.Prometheus.WaitForValueAsync("count(streamcx_kafka_consumer_lag_offsets == 0)", 4, ScrapeWait));
        Assert.Equal(4, await engine.Prometheus.ScalarAsync("streamcx_kafka_consumer_assigned_partitions"));
        var partitions = (await engine.Prometheus.QueryAsync("streamcx_kafka_consumer_lag_offsets")).Select(r => r.Labels["partition"]).Order().ToList();
        Assert.Equal(["0", "1", "2", "3"], partitions);

        var lagSeconds = await engine.Prometheus.QueryAsync("streamcx_kafka_consumer_lag_seconds");
        Assert.NotEmpty(lagSeconds);
        Assert.All(lagSeconds, r =>
        {
            Assert.Equal(engine.Topic, r.Labels["topic"]);
            Assert.Contains(r.Labels["partition"], partitions);
            // every event of the known feedback happened between 6 h and 0.5 h ago
            Assert.InRange(r.Value, 1800, 7 * 3600);
        });
    }

    [Fact]
    public async Task Active_actors_match_the_sites_attributes_and_regions_that_received_events()
    {
        var actors = await engine.Prometheus.QueryAsync("streamcx_actors_active");
        var byKind = actors.ToDictionary(r => r.Labels["kind"], r => r.Value);
        Assert.Equal(new Dictionary<string, double> { ["site"] = 6, ["attribute"] = 6, ["region"] = 1 }, byKind);
    }

    [Fact]
    public async Task Librdkafka_statistics_become_client_gauges_and_counters()
    {
        var received = await engine.Prometheus.WaitForValueAsync("streamcx_kafka_client_received_messages_total{client=\"consumer\"}", v => v >= engine.Feedback.Count, ScrapeWait);
        Assert.True(received >= engine.Feedback.Count, $"consumer received {received}");
        var transmitted = await engine.Prometheus.WaitForValueAsync("streamcx_kafka_client_transmitted_messages_total{client=\"producer\"}", v => v >= engine.Feedback.Rejected, ScrapeWait);
        Assert.True(transmitted >= engine.Feedback.Rejected, $"producer transmitted {transmitted}");
        Assert.Equal(1, await engine.Prometheus.ScalarAsync("min(streamcx_kafka_broker_up{client=\"consumer\"})"));
        Assert.True(await engine.Prometheus.ScalarAsync("max(streamcx_kafka_broker_rtt_seconds{client=\"consumer\"})") > 0);
        Assert.True(await engine.Prometheus.ScalarAsync("streamcx_kafka_consumer_rebalances_total") >= 1);
    }

    [Fact]
    public async Task The_journeys_gauges_are_scraped_from_the_journeys_actor_in_memory_and_on_the_shelf()
    {
        await engine.Prometheus.WaitForValueAsync("sum(streamcx_events_consumed_total)", engine.Feedback.Count, ScrapeWait); // scraped since it took its feedback
        var held = await engine.Prometheus.QueryAsync("streamcx_journeys_held");
        Assert.Equal(new Dictionary<string, double> { ["memory"] = 0, ["shelf"] = 0 }, held.ToDictionary(r => r.Labels["where"], r => r.Value)); // its feedback has no journey
        Assert.Equal(0, await engine.Prometheus.ScalarAsync("streamcx_journey_messages_held"));
    }

    [Theory]
    [InlineData("process_cpu_seconds_total")]
    [InlineData("dotnet_total_memory_bytes")]
    [InlineData("dotnet_collection_count_total")]
    [InlineData("system_runtime_dotnet_gc_collections")]
    [InlineData("system_runtime_dotnet_thread_pool_queue_length")]
    public async Task NET_runtime_metrics_are_scraped(string metric)
    {
        var value = await engine.Prometheus.ScalarAsync($"sum({metric})");
        Assert.True(value >= 0, $"{metric}: {value?.ToString(CultureInfo.InvariantCulture) ?? "no series"}");
    }
}
