using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Processing;

/// <summary>
/// A <see cref="FeedbackProcessor"/> behind the frontier of event time: events from any number of inputs, in any
/// interleaving, are held until every input has passed them and then applied in <see cref="EventOrder"/> — the order
/// replay applies them in — so they give the alerts replay gives. An event that arrives behind the frontier (late for its
/// own input) is applied at once; the site's lateness rules then count it (<see cref="ProcessingCounters"/>).
/// </summary>
public sealed class EventTimeProcessor(FeedbackProcessor processor, EventTimeSettings settings)
{
    private readonly HeldEvents _held = new();

    public EventTimeFrontier Frontier { get; } = new(settings);

    public FeedbackProcessor Processor => processor;

    /// <summary>Events held far ahead of their input (outliers) so far.</summary>
    public long Early { get; private set; }

    /// <summary>Events that arrived behind the frontier so far.</summary>
    public long Late { get; private set; }

    public int Held => _held.Count;

    public void Assign(string input, DateTimeOffset now) => Frontier.Assign(input, now);

    /// <summary>Takes one event of <paramref name="input"/>; returns the alerts of whatever it released.</summary>
    public IReadOnlyList<Alert> Offer(string input, FeedbackEvent e, DateTimeOffset now)
    {
        switch (Frontier.Observe(input, e.OccurredAt, now))
        {
            case Arrival.Late:
                Late++;
                return processor.Process(e, arrivedLate: true, out _);
            case Arrival.Early:
                Early++;
                break;
        }
        _held.Hold(e);
        return Advance(now);
    }

    /// <summary>The input delivered everything there was for now.</summary>
    public IReadOnlyList<Alert> CaughtUp(string input, DateTimeOffset now)
    {
        Frontier.CaughtUp(input, now);
        return Advance(now);
    }

    /// <summary>Re-reads the frontier (e.g. as wall time makes inputs idle) and applies what it released.</summary>
    public IReadOnlyList<Alert> Advance(DateTimeOffset now) => Release(Frontier.Advance(now), all: false);

    /// <summary>End of every input (a finite replay): applies everything still held.</summary>
    public IReadOnlyList<Alert> Flush() => Release(null, all: true);

    private List<Alert> Release(DateTimeOffset? upTo, bool all)
    {
        List<Alert>? alerts = null;
        while (_held.TryRelease(upTo, out var e, out _, all))
        {
            var emitted = processor.Process(e);
            if (emitted.Count > 0) (alerts ??= []).AddRange(emitted);
        }
        return alerts ?? [];
    }
}
