namespace StreamCx.Domain.EventTime;

/// <summary>
/// The event time up to which every input has delivered (Apache Flink's watermark, Kafka Streams' stream time): just
/// before the earliest time of the inputs that hold the others back, never moving backwards. An input holds the others
/// back unless it is caught up (it delivered everything there was) or silent for <see cref="EventTimeSettings.IdleTimeout"/>;
/// one that holds back may still deliver more events at its own time (events share their times: second-resolution
/// timestamps, batch exports), so only what is before it is passed. An input assigned but not heard from yet holds
/// everything back until it speaks or goes idle. When no input holds back, the frontier is the furthest corroborated
/// input time: every input has delivered all of it. Events are applied only once the frontier passes them, so a
/// backlog read from several topics and partitions in any interleaving is applied in one order. A caught-up input still
/// holds back for <see cref="EventTimeSettings.CaughtUpWait"/> once another input is ahead of it (Kafka Streams'
/// <c>max.task.idle.ms</c>), so live feedback fetched from several partitions a moment apart keeps its order too.
/// </summary>
/// <remarks>
/// Inputs known from their readers' reports (through the region topic) are read by other engines, which may stop at any
/// moment: their partition moves on a rebalance, or the engine dies. A caught-up input is then passed only once its
/// reader, after the last report that moved another input past it, says again that it is read to its end. Reports reach a
/// channel in one order, and feedback is produced in about the order of its time, so everything of that input older than
/// the others had reached its reader before it said so. Whatever its reader said before may be stale: a dead reader says
/// nothing more, and the input holds back until its next reader reports it (or for the reader timeout), so its events
/// are not passed while nobody reads them. Live, a quiet input's reader says it about every second: releasing waits for it.
/// </remarks>
public sealed class EventTimeFrontier(EventTimeSettings settings)
{
    private readonly Dictionary<string, InputWatermark> _inputs = new(StringComparer.Ordinal);
    private DateTimeOffset _holdUntil = DateTimeOffset.MinValue;
    private long _reports; // reports taken so far: their order in the channel
    private DateTimeOffset _lastDelivery = DateTimeOffset.MinValue; // the last event or end of data of any input observed here
    private IReadOnlyList<InputReport>? _known;

    /// <summary>
    /// Every event at or before this time has been released: every input that holds back is past it, so none can still
    /// deliver an event at it. Null until the first release. An event at or behind it is late (<see cref="Observe"/>,
    /// <see cref="Classify"/>).
    /// </summary>
    public DateTimeOffset? Released { get; private set; }

    public IReadOnlyDictionary<string, InputWatermark> Inputs => _inputs;

    /// <summary>An input was assigned: it holds the frontier back until it delivers, is caught up or goes idle.</summary>
    public void Assign(string input, DateTimeOffset now) => InputFor(input).Seen(now);

    /// <summary>An input was revoked (or closed): it no longer holds anything back.</summary>
    public void Revoke(string input)
    {
        if (_inputs.Remove(input)) _known = null;
    }

    public void CaughtUp(string input, DateTimeOffset now)
    {
        _lastDelivery = now;
        var w = InputFor(input);
        var before = (w.Current, w.CaughtUp);
        w.MarkCaughtUp(now);
        Moved(w, before);
    }

    /// <summary>An input's time and state as the engine that reads it reports them (<see cref="InputWatermark.Report"/>).</summary>
    public void Report(InputReport report, DateTimeOffset now) => Report(report, now, ++_reports);

    /// <summary>
    /// One message of reports from one reader, said in one breath: an input it says is read to its end was so when it
    /// said another moved on (they share their place in the channel's order of reports).
    /// </summary>
    public void Report(IReadOnlyList<InputReport> reports, DateTimeOffset now)
    {
        var sequence = ++_reports;
        foreach (var report in reports) Report(report, now, sequence);
    }

    private void Report(InputReport report, DateTimeOffset now, long sequence)
    {
        var w = InputFor(report.Input);
        var before = (w.Current, w.CaughtUp);
        w.Report(report.Time, report.CaughtUp, report.Idle, now, sequence);
        Moved(w, before);
    }

    /// <summary>
    /// An input a restored snapshot says was read for this channel, not heard of here yet: it holds everything back, as an
    /// assigned input not heard from does, until its reader reports it, its saved time is handed over (<see cref="Seed"/>)
    /// or the reader timeout passes. Without it, a channel read anew would release past an input whose reader has not
    /// spoken yet (its partition moving to another engine), and that input's events would come behind the release.
    /// </summary>
    public void Expect(string input, DateTimeOffset now)
    {
        if (!_inputs.ContainsKey(input)) Report(new InputReport(input, null, CaughtUp: false), now);
    }

    /// <summary>Nothing is released before <paramref name="until"/> (wall clock): the time to hear of every input.</summary>
    public void HoldUntil(DateTimeOffset until)
    {
        if (until > _holdUntil) _holdUntil = until;
    }

    /// <summary>How an event whose input's time is reported (not observed here) stands against the frontier.</summary>
    public Arrival Classify(DateTimeOffset occurredAt) => Released is { } released && occurredAt <= released ? Arrival.Late : Arrival.InOrder;

    /// <summary>Takes one event of <paramref name="input"/> and says how it stands against the frontier.</summary>
    public Arrival Observe(string input, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        _lastDelivery = now;
        var w = InputFor(input);
        var before = (w.Current, w.CaughtUp);
        var corroborated = w.Observe(occurredAt, now);
        Moved(w, before);
        if (Released is { } released && occurredAt <= released) return Arrival.Late;
        return corroborated ? Arrival.InOrder : Arrival.Early;
    }

    /// <summary>
    /// What the reader of these inputs tells the engines that read the region topic (<see cref="Report"/>): each input's
    /// time, whether it is read to its end, and whether it is idle. An input is idle only while the consumer goes on
    /// delivering others (an event or an end of data within the idle timeout): when it delivers nothing at all (a
    /// rebalance, a pause, the broker out of reach), whatever is unread may still come, and every input holds back. Nor is
    /// an input the reader knows has unread data (<paramref name="unread"/>: the broker's end of the partition is past what
    /// the reader took) idle, however long it is silent: it is behind, starved by the others' backlog, not quiet.
    /// </summary>
    public InputReport[] Reports(DateTimeOffset now, Func<string, bool>? unread = null)
    {
        var delivering = now - _lastDelivery < settings.IdleTimeout;
        return [.. _inputs.Select(kv => new InputReport(
            kv.Key, kv.Value.Current, kv.Value.CaughtUp, delivering && kv.Value.IsIdle(now) && unread?.Invoke(kv.Key) != true))];
    }

    /// <summary>Recomputes the frontier (on events and on the passing of wall time); returns it.</summary>
    public DateTimeOffset? Advance(DateTimeOffset now)
    {
        if (now < _holdUntil) return Released;
        DateTimeOffset? holding = null, furthest = null;
        foreach (var input in _inputs.Values)
        {
            if (input.Current is { } current && (furthest is null || current > furthest)) furthest = current;
        }
        var anyHolding = false;
        foreach (var input in _inputs.Values)
        {
            if (!input.HoldsBack(now, furthest, OvertakenBy(input))) continue;
            anyHolding = true;
            // not heard from yet (or at the first instant there is): nothing can be released past it
            if (input.Current is not { } time || JustBefore(time) is not { } before) return Released;
            // it may still deliver more at its own time (ties: second-resolution timestamps, batch exports): only what is before it passes
            if (holding is null || before < holding) holding = before;
        }
        var candidate = anyHolding ? holding : furthest;
        if (candidate is { } c && (Released is null || c > Released)) Released = c;
        return Released;
    }

    /// <summary>
    /// The inputs whose time is known, as their last report would say them (time, caught up), the same instance until one
    /// of them moves or is caught up or not any more: what a region saves with its held events, so that whoever restores
    /// them knows how far the inputs had come.
    /// </summary>
    public IReadOnlyList<InputReport> Known =>
        _known ??= [.. _inputs.Where(kv => kv.Value.Current is not null).Select(kv => new InputReport(kv.Key, kv.Value.Current, kv.Value.CaughtUp))];

    /// <summary>
    /// What a restored snapshot said of an input, once everything it covers has been read again: an input heard of here
    /// moves to at least that time (what it says now is newer); one not heard of since is taken as that report, so it holds
    /// back as it did where it was saved until its reader speaks (or for the reader timeout) — with <paramref name="unknownToo"/>
    /// only (inputs known through their readers' reports; an input read directly is known here once assigned).
    /// </summary>
    public void Seed(InputReport saved, bool unknownToo, DateTimeOffset now)
    {
        if (_inputs.TryGetValue(saved.Input, out var w))
        {
            var before = (w.Current, w.CaughtUp);
            if (saved.Time is { } t) w.AtLeast(t, ++_reports);
            Moved(w, before);
        }
        else if (unknownToo)
        {
            Report(saved, now);
        }
    }

    /// <summary>The latest report that moved another input past a caught-up reported one (0 when none did, or it is not one).</summary>
    private long OvertakenBy(InputWatermark input)
    {
        if (!input.CaughtUp || !input.Reported) return 0; // read here directly: its own end of data says it, no reader to doubt
        long latest = 0;
        foreach (var other in _inputs.Values)
        {
            if (other.Current is { } c && (input.Current is not { } mine || c > mine) && other.MovedBy > latest) latest = other.MovedBy;
        }
        return latest;
    }

    /// <summary>The last instant before <paramref name="time"/> (one tick, the resolution of event time); null when there is none.</summary>
    private static DateTimeOffset? JustBefore(DateTimeOffset time) => time.UtcTicks == 0 || time.Ticks == 0 ? null : time.AddTicks(-1);

    private void Moved(InputWatermark input, (DateTimeOffset? Current, bool CaughtUp) before)
    {
        if ((input.Current, input.CaughtUp) != before) _known = null;
    }

    private InputWatermark InputFor(string input)
    {
        if (!_inputs.TryGetValue(input, out var w)) _inputs[input] = w = new InputWatermark(settings);
        return w;
    }
}
