using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Consuming;

public sealed class PartitionLedgerTests
{
    private static readonly TopicPartition P0 = new("feedback", 0);
    private static readonly TopicPartition P1 = new("feedback", 1);

    private static ConsumedRecord Record(TopicPartition partition, long offset) =>
        new(partition.Topic, partition.Partition.Value, offset, "site", [1], null);

    [Fact]
    public void A_record_is_handed_out_only_in_the_epoch_it_was_consumed_in()
    {
        var ledger = new PartitionLedger();
        Assert.Equal(0, ledger.EpochOf(P0));
        ledger.Assign([P0]);
        var first = ledger.EpochOf(P0);

        Assert.True(ledger.TryHandOut(Record(P0, 0), first));
        ledger.Revoke([P0], TimeSpan.Zero);
        Assert.False(ledger.TryHandOut(Record(P0, 1), first), "revoked: the next owner reads it again");
        ledger.Assign([P0]);
        Assert.NotEqual(first, ledger.EpochOf(P0));
        Assert.False(ledger.TryHandOut(Record(P0, 1), first), "consumed before the partition came back: stale");
        Assert.True(ledger.TryHandOut(Record(P0, 1), ledger.EpochOf(P0)));
        Assert.Equal(2, ledger.DroppedCount);
    }

    [Fact]
    public async Task A_revocation_waits_until_what_was_handed_out_is_stored_and_returns_the_offsets_to_commit()
    {
        var ledger = new PartitionLedger();
        ledger.Assign([P0, P1]);
        foreach (var offset in new long[] { 10, 11, 12 })
        {
            Assert.True(ledger.TryHandOut(Record(P0, offset), ledger.EpochOf(P0)));
        }

        ledger.Stored("feedback", 0, 10);
        var epoch = ledger.EpochOf(P0);
        var revoke = Task.Run(() => ledger.Revoke([P0, P1], TimeSpan.FromSeconds(30)));

        // Wait for the revocation to start (a busy machine may run the task late), not for a fixed time.
        Assert.True(SpinWait.SpinUntil(() => ledger.EpochOf(P0) == 0, TimeSpan.FromSeconds(10)), "the revocation started");
        Assert.False(revoke.IsCompleted, "records 11 and 12 are still in flight");
        Assert.False(ledger.TryHandOut(Record(P0, 13), epoch), "nothing more is handed out once the revocation started");

        ledger.Stored("feedback", 0, 11);
        ledger.Stored("feedback", 0, 12);
        var (toCommit, undrained) = await revoke.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Empty(undrained);
        Assert.Equal([new TopicPartitionOffset(P0, 13)], toCommit);
    }

    [Fact]
    public void A_revocation_gives_up_after_its_timeout_and_names_the_partitions_still_in_flight()
    {
        var ledger = new PartitionLedger();
        ledger.Assign([P0]);
        ledger.TryHandOut(Record(P0, 5), ledger.EpochOf(P0));
        ledger.TryHandOut(Record(P0, 6), ledger.EpochOf(P0));
        ledger.Stored("feedback", 0, 5);

        var (toCommit, undrained) = ledger.Revoke([P0], TimeSpan.FromMilliseconds(100));

        Assert.Equal([P0], undrained);
        Assert.Equal([new TopicPartitionOffset(P0, 6)], toCommit);
    }

    [Fact]
    public void An_application_that_never_stores_offsets_is_not_waited_for()
    {
        var ledger = new PartitionLedger();
        ledger.Assign([P0]);
        ledger.TryHandOut(Record(P0, 0), ledger.EpochOf(P0));

        var (toCommit, undrained) = ledger.Revoke([P0], TimeSpan.FromSeconds(30));

        Assert.Empty(toCommit);
        Assert.Empty(undrained);
    }

    [Fact]
    public void Lost_partitions_are_forgotten_without_waiting()
    {
        var ledger = new PartitionLedger();
        ledger.Assign([P0]);
        ledger.TryHandOut(Record(P0, 0), ledger.EpochOf(P0));
        ledger.Stored("feedback", 0, 0);
        ledger.TryHandOut(Record(P0, 1), ledger.EpochOf(P0));

        ledger.Lose([P0]);

        Assert.Equal(0, ledger.EpochOf(P0));
        Assert.False(ledger.TryHandOut(Record(P0, 2), 1));
    }
}
