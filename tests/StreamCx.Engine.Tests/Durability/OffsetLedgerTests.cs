using StreamCx.Engine.Durability;

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
        ledger.Done("t", 0, 0);
        ledger.Done("t", 0, 1);
        Assert.Equal(2, Next(ledger));
    }

    [Fact]
    public void Applied_messages_hold_the_commit_until_their_site_is_durable()
    {
        var ledger = new OffsetLedger();
        ledger.Done("t", 0, 0);
        ledger.Applied("a", "t", 0, 1);
        ledger.Applied("b", "t", 0, 2);
        ledger.Applied("a", "t", 0, 3);
        Assert.Equal(1, Next(ledger));

        ledger.Durable("a", "t", 0, covered: 3, nextPending: null); // a's snapshot holds 1 and 3
        Assert.Equal(2, Next(ledger)); // b still holds 2

        ledger.Durable("b", "t", 0, covered: 2, nextPending: null);
        Assert.Equal(4, Next(ledger));
    }

    [Fact]
    public void What_a_site_applied_after_its_capture_stays_pending()
    {
        var ledger = new OffsetLedger();
        ledger.Applied("a", "t", 0, 5);
        ledger.Applied("a", "t", 0, 6);
        ledger.Applied("a", "t", 0, 7);
        ledger.Durable("a", "t", 0, covered: 6, nextPending: 7); // captured after 6
        Assert.Equal(7, Next(ledger));
    }

    [Fact]
    public void Messages_told_applied_before_a_holder_took_them_in_stay_pending_after_its_save()
    {
        // the listening sources take a message after the ledger is told of it: a snapshot answered in between covers less
        var ledger = new OffsetLedger();
        ledger.Applied("(listening)", "t", 0, 5);
        ledger.Applied("(listening)", "t", 0, 6);
        ledger.Applied("(listening)", "t", 0, 7);
        ledger.Durable("(listening)", "t", 0, covered: 5, nextPending: null); // captured once 5 was taken, before 6 and 7
        Assert.Equal(6, Next(ledger));

        ledger.Durable("(listening)", "t", 0, covered: 7, nextPending: null);
        Assert.Equal(8, Next(ledger));
    }

    [Fact]
    public void A_message_told_applied_after_its_site_saved_it_does_not_hold_the_commit()
    {
        var ledger = new OffsetLedger();
        ledger.Applied("a", "t", 0, 5);
        ledger.Durable("a", "t", 0, covered: 6, nextPending: null); // the snapshot holds 5 and 6; 6 is told only now
        ledger.Applied("a", "t", 0, 6);
        Assert.Equal(7, Next(ledger));

        ledger.Applied("a", "t", 0, 7); // not in that snapshot: pending
        Assert.Equal(7, Next(ledger));
    }

    [Fact]
    public void Partitions_are_independent_and_a_revoked_one_is_forgotten()
    {
        var ledger = new OffsetLedger();
        ledger.Applied("a", "t", 0, 10);
        ledger.Done("t", 1, 20);
        Assert.Equal(10, Next(ledger, 0));
        Assert.Equal(21, Next(ledger, 1));
        ledger.Revoke("t", 0);
        Assert.DoesNotContain(ledger.Committable(), c => c.Partition == 0);
    }
}
