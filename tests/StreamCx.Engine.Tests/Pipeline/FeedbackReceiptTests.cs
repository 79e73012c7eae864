using StreamCx.Domain.Processing;
using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Tests.Pipeline;

public class FeedbackReceiptTests
{
    [Fact]
    public async Task Completes_only_when_every_index_is_recorded_with_each_outcome_at_its_index()
    {
        var receipt = new FeedbackReceipt(3);
        receipt.Record(2, new AppliedOutcome(IntakeOutcome.Late, false));
        receipt.Record(0, new AppliedOutcome(IntakeOutcome.OnTime, false));
        Assert.False(receipt.Completion.IsCompleted);

        receipt.Record(1, new AppliedOutcome(IntakeOutcome.Duplicate, true));

        var outcomes = await receipt.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(
            [new AppliedOutcome(IntakeOutcome.OnTime, false), new AppliedOutcome(IntakeOutcome.Duplicate, true), new AppliedOutcome(IntakeOutcome.Late, false)],
            outcomes);
    }

    [Fact]
    public void An_empty_batch_is_complete_at_once()
    {
        Assert.True(new FeedbackReceipt(0).Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failure_fails_the_whole_batch_with_its_error()
    {
        var receipt = new FeedbackReceipt(2);
        receipt.Record(0, new AppliedOutcome(IntakeOutcome.OnTime, false));
        receipt.Fail(new ArgumentException("site 'x' is not in the site registry"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => receipt.Completion);
        Assert.Contains("site 'x'", error.Message);
    }

    [Fact]
    public async Task Sites_recording_from_many_threads_at_once_complete_it_with_the_last_outcome_and_not_before()
    {
        const int count = 10_000;
        var receipt = new FeedbackReceipt(count);
        const int last = 4_321; // recorded after all the others
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i != last) receipt.Record(i, new AppliedOutcome(i % 2 == 0 ? IntakeOutcome.OnTime : IntakeOutcome.Late, false));
        });
        Assert.False(receipt.Completion.IsCompleted, "completed before the last outcome was recorded");
        receipt.Record(last, new AppliedOutcome(IntakeOutcome.Late, false));

        var outcomes = await receipt.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(count, outcomes.Length);
        for (var i = 0; i < count; i++) Assert.Equal(i % 2 == 0 ? IntakeOutcome.OnTime : IntakeOutcome.Late, outcomes[i].Outcome);
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedbackReceipt(-1));
    }
}
