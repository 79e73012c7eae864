using StreamCx.Domain.Processing;

namespace StreamCx.Engine.Pipeline;

/// <summary>
/// The answer to a batch of events sent to the sites at once: each site records the outcome of its events at their
/// index, and the task completes when every event has one. It replaces one <c>Ask</c> per event (a temporary actor, a
/// reply message and a timeout each), which cost more than applying the event.
/// </summary>
public sealed class FeedbackReceipt
{
    private readonly AppliedOutcome[] _outcomes;
    private readonly TaskCompletionSource<AppliedOutcome[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;

    public FeedbackReceipt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _outcomes = new AppliedOutcome[count];
        _pending = count;
        if (count == 0) _done.SetResult(_outcomes);
    }

    public int Count => _outcomes.Length;

    /// <summary>Completes with every event's outcome, by index, or fails with the first error reported.</summary>
    public Task<AppliedOutcome[]> Completion => _done.Task;

    /// <summary>Records the outcome of event <paramref name="index"/>; each index is recorded once, by the site that applied it.</summary>
    public void Record(int index, AppliedOutcome outcome)
    {
        _outcomes[index] = outcome;
        if (Interlocked.Decrement(ref _pending) == 0) _done.TrySetResult(_outcomes); // the decrement publishes the writes before it
    }

    public void Fail(Exception error) => _done.TrySetException(error);
}

/// <summary>What a site did with one event: its intake outcome, or skipped because its restored snapshot already held it.</summary>
public readonly record struct AppliedOutcome(IntakeOutcome Outcome, bool AlreadyApplied);
