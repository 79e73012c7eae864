using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Tests.Durability;

public class OffsetLedgerTests
{
    private static long Next(OffsetLedger ledger, int partition = 0) =>
        ledger.Committable().Single(c => c.Partition == partition).NextOffset;

    [Fact]
    public void Nothing_is_committable_before_anything_is_handled() => Assert.Empty(new OffsetLedger().Committable());

    [Fact]
    public void Done_messages_advance_the_commit_at_once()
    {
        var ledger = new OffsetLedger();
        ledger.Done(new("t", 0, 0));
        ledger.Done(new("t", 0, 1));
        Assert.Equal(2, Next(ledger));
    }

    [Fact]
    public void Applied_messages_hold_the_commit_until_their_site_is_durable()
    {
        var ledger = new OffsetLedger();
        ledger.Done(new("t", 0, 0));
        ledger.Applied("a", new("t", 0, 1));
        ledger.Applied("b", new("t", 0, 2));
        ledger.Applied("a", new("t", 0, 3));
        Assert.Equal(1, Next(ledger));

        ledger.Durable("a", new("t", 0, 3), nextPending: null); // a's snapshot holds 1 and 3
        Assert.Equal(2, Next(ledger)); // b still holds 2

        ledger.Durable("b", new("t", 0, 2), nextPending: null);
        Assert.Equal(4, Next(ledger));
    }

    [Fact]
    public void What_a_site_applied_after_its_capture_stays_pending()
    {
        var ledger = new OffsetLedger();
        ledger.Applied("a", new("t", 0, 5));
        ledger.Applied("a", new("t", 0, 6));
        ledger.Applied("a", new("t", 0, 7));
        ledger.Durable("a", new("t", 0, 6), nextPending: 7); // captured after 6
        Assert.Equal(7, Next(ledger));
    }

    [Fact]
    public void Messages_told_applied_before_a_holder_took_them_in_stay_pending_after_its_save()
    {
        // the listening sources take a message after the ledger is told of it: a snapshot answered in between covers less
        var ledger = new OffsetLedger();
        ledger.Applied("(listening)", new("t", 0, 5));
        ledger.Applied("(listening)", new("t", 0, 6));
        ledger.Applied("(listening)", new("t", 0, 7));
        ledger.Durable("(listening)", new("t", 0, 5), nextPending: null); // captured once 5 was taken, before 6 and 7
        Assert.Equal(6, Next(ledger));

        ledger.Durable("(listening)", new("t", 0, 7), nextPending: null);
        Assert.Equal(8, Next(ledger));
    }

    [Fact]
    public void A_message_told_applied_after_its_site_saved_it_does_not_hold_the_commit()
    {
        var ledger = new OffsetLedger();
        ledger.Applied("a", new("t", 0, 5));
        ledger.Durable("a", new("t", 0, 6), nextPending: null); // the snapshot holds 5 and 6; 6 is told only now
        ledger.Applied("a", new("t", 0, 6));
        Assert.Equal(7, Next(ledger));

        ledger.Applied("a", new("t", 0, 7)); // not in that snapshot: pending
        Assert.Equal(7, Next(ledger));
    }

    [Fact]
    public void Partitions_are_independent_and_a_revoked_one_is_forgotten()
    {
        var ledger = new OffsetLedger();
        ledger.Applied("a", new("t", 0, 10));
        ledger.Done(new("t", 1, 20));
        Assert.Equal(10, Next(ledger, 0));
        Assert.Equal(21, Next(ledger, 1));
        ledger.Revoke("t", 0);
        Assert.DoesNotContain(ledger.Committable(), c => c.Partition == 0);
    }

    [Fact]
    public void A_commit_is_raised_by_the_save_that_covers_it_and_only_forward()
    {
        var ledger = new OffsetLedger();
        var raised = new List<SourcePosition>();
        ledger.DurableThrough += raised.Add;
        ledger.Done(new("t", 0, 0));
        ledger.Applied("a", new("t", 0, 1));
        ledger.Applied("b", new("t", 0, 2));
        ledger.Done(new("t", 0, 3)); // behind a and b: nothing new is durable
        Assert.Equal([new SourcePosition("t", 0, 0)], raised);

        ledger.Durable("b", new("t", 0, 2), nextPending: null); // a still holds 1
        Assert.Single(raised);
        ledger.Durable("a", new("t", 0, 1), nextPending: null); // now everything through 3 is
        Assert.Equal([new SourcePosition("t", 0, 0), new SourcePosition("t", 0, 3)], raised);

        ledger.Durable("a", new("t", 0, 1), nextPending: null); // the same save told again: nothing new
        Assert.Equal(2, raised.Count);
    }

    [Fact]
    public void Settled_completes_once_every_pending_message_is_covered()
    {
        var ledger = new OffsetLedger();
        Assert.True(ledger.Settled().IsCompleted);
        ledger.Applied("a", new("t", 0, 5));
        ledger.Applied("b", new("t", 1, 9));
        var settled = ledger.Settled();
        ledger.Durable("a", new("t", 0, 5), nextPending: null);
        Assert.False(settled.IsCompleted);
        ledger.Revoke("t", 1); // b's partition went to another engine: nothing left to wait for here
        Assert.True(settled.Wait(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Nothing_told_of_a_revoked_partition_is_committed_until_it_is_assigned_again()
    {
        var ledger = new OffsetLedger();
        var raised = new List<SourcePosition>();
        ledger.DurableThrough += raised.Add;
        ledger.Applied("a", new("t", 0, 10));
        ledger.Revoke("t", 0);
        ledger.Done(new("t", 0, 12)); // read before the revocation, handled after: its next owner reads 10 and 11 again
        ledger.Durable("a", new("t", 0, 10), nextPending: null); // a save of a dropped site, answered late
        Assert.Empty(raised);
        Assert.Empty(ledger.Committable());

        ledger.Assign("t", 0);
        ledger.Done(new("t", 0, 20));
        Assert.Equal([new SourcePosition("t", 0, 20)], raised);
    }
}
