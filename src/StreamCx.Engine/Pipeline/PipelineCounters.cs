using System.Collections.Concurrent;
using StreamCx.Domain.Processing;

namespace StreamCx.Engine.Pipeline;

/// <summary>Running totals of what the pipeline did, by outcome and by rejection reason.</summary>
public sealed class PipelineCounters
{
    private long _applied, _late, _tooLate, _duplicates, _rejected, _skipped;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);

    public long Applied => Interlocked.Read(ref _applied);
    public long Late => Interlocked.Read(ref _late);
    public long TooLate => Interlocked.Read(ref _tooLate);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long AlreadyApplied => Interlocked.Read(ref _skipped);
    public IReadOnlyDictionary<string, long> RejectedByReason => _rejectedByReason;

    public void Count(PipelineResult r)
    {
        if (r.Rejection is { } rejection)
        {
            Interlocked.Increment(ref _rejected);
            _rejectedByReason.AddOrUpdate(rejection.Code, 1, (_, n) => n + 1);
            return;
        }
        if (r.AlreadyApplied)
        {
            Interlocked.Increment(ref _skipped);
            return;
        }
        switch (r.Outcome)
        {
            case IntakeOutcome.Duplicate: Interlocked.Increment(ref _duplicates); return;
            case IntakeOutcome.Late: Interlocked.Increment(ref _late); break;
            case IntakeOutcome.TooLate: Interlocked.Increment(ref _tooLate); break;
        }
        Interlocked.Increment(ref _applied);
    }
}
