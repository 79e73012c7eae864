using System.Collections.Concurrent;
using System.Text;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class KafkaRecordSourceOffsetTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task A_new_source_in_the_group_resumes_right_after_the_stored_offsets()
    {
        const int count = 100;
        var settings = kafka.NewSettings("offsets");
        settings.Properties["auto.commit.interval.ms"] = "600000"; // only the explicit Commit() commits
        settings.RevokeDrainTimeout = TimeSpan.Zero; // half the records handed out are never stored: no waiting for them on stop
        await ProduceAsync(settings.Topics[0], count);

        // First run: consume everything, store the first half (in consumption order), commit, stop.
        var (firstRun, control, done) = await ConsumeAllAsync(settings, count);
        Assert.True(control.IsConnected);
        Assert.Equal(4, control.AssignedPartitions.Count);
        var applied = firstRun.Take(count / 2).ToList();
        foreach (var record in applied)
        {
            Assert.True(control.StoreOffset(record.Topic, record.Partition, record.Offset));
        }

        var committed = control.Commit();
        await control.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await done.WaitAsync(TimeSpan.FromSeconds(10));

        var expectedCommits = applied.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1);
        Assert.Equal(expectedCommits, committed.ToDictionary(c => c.Partition.Value, c => c.Offset.Value));
        Assert.False(control.StoreOffset(applied[0].Topic, applied[0].Partition, applied[0].Offset), "a stopped consumer stores nothing");

        // Second run, same group: exactly the records that were not stored, none of the stored ones.
        var secondRun = await KafkaRecordSource.Create(settings)
            .Take(count - applied.Count)
            .RunWith(Sink.Seq<ConsumedRecord>(), kafka.Materializer)
            .WaitAsync(TimeSpan.FromSeconds(30));

        var notApplied = firstRun.Skip(count / 2).Select(Id).Order();
        Assert.Equal(notApplied, secondRun.Select(Id).Order());
    }

    [Fact]
    public async Task A_stop_that_waits_for_records_never_stored_gives_up_before_the_group_gives_up_on_the_member_and_commits_what_was_stored()
    {
        const int count = 100;
        var settings = kafka.NewSettings("drain");
        settings.Properties["auto.commit.interval.ms"] = "600000"; // only the commit on revocation commits
        settings.RevokeDrainTimeout = TimeSpan.FromSeconds(10); // longer than the session timeout (3 s): at most half of it is waited
        await ProduceAsync(settings.Topics[0], count);

        var (firstRun, control, done) = await ConsumeAllAsync(settings, count);
        var stored = firstRun.Take(count / 2).ToList();
        foreach (var record in stored) Assert.True(control.StoreOffset(record.Topic, record.Partition, record.Offset));
        await control.StopAsync().WaitAsync(TimeSpan.FromSeconds(30)); // the other half is never stored
        await done.WaitAsync(TimeSpan.FromSeconds(10));

        // had the stop waited longer than the session, the member would be gone and the commit refused: all 100 again
        var secondRun = await KafkaRecordSource.Create(settings)
            .Take(count - stored.Count)
            .RunWith(Sink.Seq<ConsumedRecord>(), kafka.Materializer)
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(firstRun.Skip(count / 2).Select(Id).Order(), secondRun.Select(Id).Order());
    }

    private async Task ProduceAsync(string topic, int count)
    {
        using var producer = kafka.CreateRawProducer();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes($"site-{i % 7}"),
            Value = Encoding.UTF8.GetBytes($"e{i}"),
        })));
    }

    /// <summary>A source in the group that has handed out all <paramref name="count"/> records (none stored yet).</summary>
    private async Task<(ConcurrentQueue<ConsumedRecord> Records, IKafkaConsumerControl Control, Task<Akka.Done> Done)> ConsumeAllAsync(KafkaSettings settings, int count)
    {
        var records = new ConcurrentQueue<ConsumedRecord>();
        var (control, done) = KafkaRecordSource.Create(settings)
            .ToMaterialized(Sink.ForEach<ConsumedRecord>(records.Enqueue), Keep.Both)
            .Run(kafka.Materializer);
        await Poll.UntilAsync(() => records.Count >= count, TimeSpan.FromSeconds(20), "all records in the first run");
        return (records, control, done);
    }

    private static string Id(ConsumedRecord record) => Encoding.UTF8.GetString(record.Value);
}
