using Akka.Streams;
using Akka.Streams.Dsl;

namespace StreamCx.Kafka.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class KafkaRecordSourceLifecycleTests(EmbeddedKafkaFixture kafka)
{
    /// <summary>Nothing listens on port 9 (discard) of the loopback interface.</summary>
    private static KafkaSettings DeadBroker() => new() { BootstrapServers = "127.0.0.1:9", Topics = ["lifecycle"] };

    [Fact]
    public async Task A_broker_that_is_down_is_logged_and_retried_without_failing_the_stream_and_StopAsync_completes_it()
    {
        var (control, done) = KafkaRecordSource.Create(DeadBroker())
            .ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);

        await Poll.UntilAsync(() => control.LastError is not null, TimeSpan.FromSeconds(10), "a broker error");
        Assert.False(done.IsCompleted, "a non-fatal error must not end the stream");
        Assert.False(control.IsConnected);
        Assert.Contains(control.State, new[] { KafkaConsumerState.Starting, KafkaConsumerState.Disconnected });

        await control.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await done.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(KafkaConsumerState.Stopped, control.State);
        Assert.Empty(control.AssignedPartitions);
        Assert.Empty(control.Commit());
    }

    [Fact]
    public async Task An_unreachable_broker_is_logged_once_clearly_and_repeated_connection_errors_are_not_flooded()
    {
        var logger = new ListLogger(Microsoft.Extensions.Logging.LogLevel.Information);
        var (control, done) = KafkaRecordSource.Create(DeadBroker(), logger)
            .ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);

        await Poll.UntilAsync(() => control.UnreachableSince is not null, TimeSpan.FromSeconds(10), "the outage to be noticed");
        await Task.Delay(TimeSpan.FromSeconds(3)); // librdkafka retries many times meanwhile
        await control.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await done.WaitAsync(TimeSpan.FromSeconds(5));

        var unreachable = Assert.Single(logger.Messages, m => m.Contains("Kafka is unreachable at 127.0.0.1:9", StringComparison.Ordinal));
        Assert.Contains("not ready", unreachable, StringComparison.Ordinal);
        Assert.Equal(KafkaConsumerState.Stopped, control.State);
        var warnings = logger.Entries.Count(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.True(warnings <= 6, $"{warnings} warnings or errors in 3 s of a dead broker:\n{string.Join("\n", logger.Messages)}");
    }

    [Fact]
    public async Task Cancelling_the_token_completes_the_stream()
    {
        using var cancellation = new CancellationTokenSource();
        var (control, done) = KafkaRecordSource.Create(DeadBroker(), cancellationToken: cancellation.Token)
            .ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);
        await Poll.UntilAsync(() => control.State != KafkaConsumerState.Created, TimeSpan.FromSeconds(10), "the consumer to start");

        await cancellation.CancelAsync();

        await done.WaitAsync(TimeSpan.FromSeconds(10));
        await control.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(KafkaConsumerState.Stopped, control.State);
    }

    [Fact]
    public async Task Cancelling_downstream_stops_the_consumer()
    {
        var (control, killSwitch) = KafkaRecordSource.Create(DeadBroker())
            .ViaMaterialized(KillSwitches.Single<ConsumedRecord>(), Keep.Both)
            .To(Sink.Ignore<ConsumedRecord>())
            .Run(kafka.Materializer);
        await Poll.UntilAsync(() => control.State != KafkaConsumerState.Created, TimeSpan.FromSeconds(10), "the consumer to start");

        killSwitch.Shutdown();

        await control.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(KafkaConsumerState.Stopped, control.State);
    }

    [Fact]
    public async Task An_unknown_property_fails_the_stream_with_an_error_naming_the_key()
    {
        var settings = DeadBroker();
        settings.Properties["no.such.property"] = "1";

        var (control, done) = KafkaRecordSource.Create(settings)
            .ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);

        var thrown = await Assert.ThrowsAsync<KafkaConfigurationException>(() => done.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("no.such.property", thrown.PropertyKey);
        Assert.Contains("Kafka:Properties[\"no.such.property\"]", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(KafkaConsumerState.Failed, control.State);
        Assert.Same(thrown, control.Failure);
    }

    [Fact]
    public void Invalid_settings_are_rejected_when_the_source_is_created()
    {
        var settings = DeadBroker();
        settings.BufferSize = 0;

        var thrown = Assert.Throws<KafkaConfigurationException>(() => KafkaRecordSource.Create(settings));

        Assert.Contains("Kafka:BufferSize must be positive (was 0).", thrown.Message, StringComparison.Ordinal);
    }
}
