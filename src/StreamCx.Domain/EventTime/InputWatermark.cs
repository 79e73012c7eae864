namespace StreamCx.Domain.EventTime;

/// <summary>
/// Event-time progress of one input (a topic-partition): the newest event time it has corroborated. An event no more
/// than <see cref="EventTimeSettings.OutlierThreshold"/> ahead of it moves it at once; an event further ahead (a wrong
/// clock, a re-sent or early message) is only an outlier until <see cref="EventTimeSettings.Corroboration"/> such events
/// in a row show a genuine jump (a gap in the feedback, a backlog starting later). Until then it stays where it was, so
/// one wrong clock cannot make the following genuine events late. The first events of an input are corroborated the same
/// way: its watermark starts at the earliest of its first events once it has that many, or once it is caught up, and
/// moves on through those of them in range of it.
/// </summary>
public sealed class InputWatermark(EventTimeSettings settings)
{
    private readonly List<DateTimeOffset> _ahead = [];
    private DateTimeOffset? _overtakenAt;
    private bool _reportedIdle;
    private long _caughtUpSaid = -1; // the sequence number of the latest report that said the input is read to its end

    /// <summary>The input's corroborated event time; null until known.</summary>
    public DateTimeOffset? Current { get; private set; }

    /// <summary>True when the input has delivered everything there was to read (until its next event).</summary>
    public bool CaughtUp { get; private set; }

    /// <summary>Known from its reader's reports (through the region topic), not from its own events.</summary>
    public bool Reported { get; private set; }

    /// <summary>The sequence number (in its channel's order of reports) of the report that last moved <see cref="Current"/>.</summary>
    public long MovedBy { get; private set; }

    /// <summary>Wall-clock time of the input's last sign of life (assignment, event, end of data).</summary>
    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>Events seen far ahead of the watermark and not (yet) corroborated.</summary>
    public long Outliers { get; private set; }

    /// <summary>Takes one event's time; returns false when the event is an uncorroborated outlier (early).</summary>
    public bool Observe(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        LastSeen = now;
        CaughtUp = false;
        _overtakenAt = null;
        if (Current is { } current && occurredAt <= current + settings.OutlierThreshold)
        {
            if (occurredAt > current) Current = occurredAt;
            _ahead.Clear();
            return true;
        }

        _ahead.Add(occurredAt);
        if (_ahead.Count >= settings.Corroboration)
        {
            Jump();
            return true;
        }
        if (Current is not null) Outliers++;
        return Current is null;
    }

    /// <summary>The input has nothing more to deliver for now: a watermark still unknown starts at what it has seen.</summary>
    public void MarkCaughtUp(DateTimeOffset now)
    {
        LastSeen = now;
        CaughtUp = true;
        if (Current is null && _ahead.Count > 0) Jump();
    }

    public void Seen(DateTimeOffset now) => LastSeen = now;

    /// <summary>Known elsewhere to have come at least to <paramref name="time"/> (a restored snapshot): its time moves there if behind.</summary>
    public void AtLeast(DateTimeOffset time, long sequence)
    {
        if (Current is not null && time <= Current) return;
        Current = time;
        MovedBy = sequence;
    }

    /// <summary>True when the input delivered nothing (no event, no end of data) for the idle timeout.</summary>
    public bool IsIdle(DateTimeOffset now) => !CaughtUp && now - LastSeen >= settings.IdleTimeout;

    /// <summary>
    /// The input's time and state as the engine that reads it reports them (through the region topic): taken as they
    /// are, the time never moving back. A report that the input is <paramref name="idle"/> is no sign of its life: the
    /// input goes idle here too (an input first heard of that way never holds anything back).
    /// </summary>
    /// <param name="sequence">The report's place in its channel's order of reports (increasing).</param>
    public void Report(DateTimeOffset? time, bool caughtUp, bool idle, DateTimeOffset now, long sequence)
    {
        Reported = true;
        _reportedIdle = idle;
        if (!idle) LastSeen = now;
        var moved = time is { } t && (Current is null || t > Current);
        if (moved)
        {
            Current = time;
            MovedBy = sequence;
        }
        if (moved || !caughtUp) _overtakenAt = null;
        CaughtUp = caughtUp;
        _caughtUpSaid = caughtUp ? sequence : -1;
    }

    /// <summary>
    /// Holds the others back: not caught up and heard from within the idle timeout (known from its reader's reports: until
    /// the reader reports it idle, or stops reporting it for the reader timeout); or caught up, but overtaken by
    /// <paramref name="furthest"/> (another input's time) for less than <see cref="EventTimeSettings.CaughtUpWait"/>,
    /// so that feedback produced at the same moment on several partitions, fetched a little apart, is applied in order.
    /// Known from its reader's reports, a caught-up input also holds back until its reader says again that it is read to
    /// its end after the last report that moved an input past it (<paramref name="overtakenBy"/>): what its reader said
    /// before may be stale (see remarks of <see cref="EventTimeFrontier"/>).
    /// </summary>
    public bool HoldsBack(DateTimeOffset now, DateTimeOffset? furthest, long overtakenBy = 0)
    {
        if (!CaughtUp && Reported) return !_reportedIdle && now - LastSeen < settings.ReaderTimeout; // its reader says when it is idle
        if (!CaughtUp) return now - LastSeen < settings.IdleTimeout;
        var overtaken = furthest is { } f && (Current is not { } c || f > c);
        if (!overtaken) return false;
        _overtakenAt ??= now;
        if (now - _overtakenAt < settings.CaughtUpWait) return true;
        // known from its reader's reports: read to its end only as its reader last said, before the others moved on. A reader
        // that stopped (its partition moved to another engine, or the engine died) says nothing more, and the input may have
        // more to deliver through its next reader: it holds back until its reader (or its next reader) speaks, or for the
        // reader timeout
        if (Reported && _caughtUpSaid < overtakenBy) return now - LastSeen < settings.ReaderTimeout;
        return false;
    }

    /// <summary>Moves to the earliest of the run, then on through the run's events that are in range of it.</summary>
    private void Jump()
    {
        _ahead.Sort();
        if (Current is null || _ahead[0] > Current) Current = _ahead[0];
        foreach (var t in _ahead)
        {
            if (t > Current && t <= Current + settings.OutlierThreshold) Current = t;
        }
        _ahead.Clear();
    }
}
