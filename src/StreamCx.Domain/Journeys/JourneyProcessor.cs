using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys.Passivation;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// The journeys and accounts of one engine (or of a replay): events are held and applied in
/// <see cref="EventTime.EventOrder"/> once event time passes them — in a replay (or alone) once the newest event time is
/// more than <see cref="JourneySettings.AllowedLateness"/> past them; in the engine (<c>followsFrontier</c>) once the
/// engine's frontier of event time passes them (<see cref="Advance"/>), as the sites' events are. So events of a journey
/// that arrive out of order within that lateness (or ahead of the frontier), ties at its edge too, give what they give in
/// order; a later one (at or behind what was applied) is applied on arrival and counted late. Deadlines (a journey open
/// too long, retention) are evaluated as event time passes them. All of it can be captured as plain data (<see cref="Capture"/>) and put back into a fresh processor
/// (<see cref="Restore"/>), which then goes on as the captured one would have. With a shelf, idle journeys are passivated
/// there (<see cref="JourneySettings.PassivateAfter"/>); disposing the processor disposes its shelf.
/// </summary>
public sealed class JourneyProcessor : IDisposable
{
    /// <summary>A repeated event id within this much event time counts once (as for feedback).</summary>
    private static readonly TimeSpan DuplicateHorizon = TimeSpan.FromHours(48);

    private readonly ReferenceCatalog _catalog;
    private readonly JourneySettings _settings;
    private readonly bool _followsFrontier;
    private readonly TimeSpan _lateness;
    private readonly PriorityQueue<JourneyInput, (JourneyInput Input, long Arrival)> _held = new(JourneyInput.Order.Instance);
    private readonly DuplicateFilter _duplicates = new(DuplicateHorizon, 1_000_000);
    private readonly Indicators.JourneyReadings? _readings;
    private readonly IJourneyShelf? _shelf;
    private long _arrivals;
    private long _newest = long.MinValue;
    private long _watermark = long.MinValue;
    private bool _tookSomething;

    /// <param name="followsFrontier">Events are released by <see cref="Advance"/> only (the engine), not by the lateness.</param>
    /// <param name="givesReadings">Its journeys give their indicator readings, taken by <see cref="TakeReadings"/>.</param>
    /// <param name="shelf">Where idle journeys are passivated (null: every journey stays in memory); the processor owns it.</param>
    public JourneyProcessor(ReferenceCatalog catalog, JourneySettings settings, TimeProvider clock, bool followsFrontier = false, bool givesReadings = false, IJourneyShelf? shelf = null)
    {
        _shelf = shelf;
        _followsFrontier = followsFrontier;
        _catalog = catalog;
        _settings = settings;
        _lateness = settings.AllowedLateness;
        _readings = givesReadings ? new Indicators.JourneyReadings(settings, catalog) : null;
        Journeys = new JourneyBook(catalog, settings, clock, _readings, shelf);
        Accounts = new AccountBook(catalog, settings, clock);
    }

    public JourneyBook Journeys { get; }

    public AccountBook Accounts { get; }

    public JourneyCounters Counters { get; } = new();

    /// <summary>
    /// The journey indicator readings its journeys gave since the last call (none unless it gives them), in the order given:
    /// feedback of the journeys' sites for the indicators' watch (<see cref="Indicators.JourneyIndicatorWatch"/>).
    /// </summary>
    public IReadOnlyList<FeedbackEvent> TakeReadings() => _readings?.Take() ?? [];

    /// <summary>Events waiting for the lateness to pass.</summary>
    public int Held => _held.Count;

    /// <summary>The journey as of the event time reached, or null when it is not held (never seen, or dropped).</summary>
    public JourneyView? Journey(string journeyId) =>
        Journeys.Find(journeyId) is { } j ? JourneyViews.Of(j, _watermark, _settings) : null;

    /// <summary>The event time this processor has reached (its journeys' red rules are evaluated there); null before any.</summary>
    public DateTimeOffset? Reached => At(_watermark);

    /// <summary>Adds every journey held to the tally, as of the event time reached.</summary>
    public void Tally(JourneyIndicatorTally tally)
    {
        foreach (var j in Journeys.Active(tally.Since)) tally.Add(j, _watermark);
    }

    public AccountView? Account(string accountId) =>
        Accounts.Find(accountId) is { } a ? JourneyViews.Of(a, Accounts.Divergence(a) is not null) : null;

    /// <summary>Feedback without a journey or an account only has its catalog flags counted.</summary>
    public IReadOnlyList<Alert> Process(FeedbackEvent e) => Process(JourneyInput.From(e));

    public IReadOnlyList<Alert> Process(JourneySignal s) => Process(JourneyInput.From(s));

    /// <summary>A message, or the parts of it that this processor's channel applies (<see cref="JourneyRouting"/>).</summary>
    public IReadOnlyList<Alert> Process(JourneyInput input)
    {
        _tookSomething = true;
        if (input.Counted) Count(input.Feedback?.Flags ?? (input.Signal as JourneyStep)?.Flags ?? CatalogFlags.None);
        return input.Feedback is { JourneyId: null, AccountId: null } ? [] : Take(input);
    }

    /// <summary>The engine's frontier of event time moved: every message at or before it has been delivered.</summary>
    public IReadOnlyList<Alert> Advance(DateTimeOffset frontier)
    {
        var alerts = new List<Alert>();
        if (frontier.UtcTicks <= _watermark) return alerts;
        _tookSomething = true;
        Release(frontier.UtcTicks, alerts);
        return alerts;
    }

    /// <summary>Applies every held event (the end of a replay); event time goes no further than the last of them.</summary>
    public IReadOnlyList<Alert> Flush()
    {
        _tookSomething = true;
        var alerts = new List<Alert>();
        Release(long.MaxValue, alerts);
        return alerts;
    }

    /// <summary>Everything the processor holds, as plain data (JSON-serialisable by System.Text.Json); the held messages in the order they will go.</summary>
    public JourneySnapshot Capture()
    {
        var snapshot = new JourneySnapshot(
            JourneySnapshot.CurrentVersion,
            Journeys.Capture(), Accounts.Capture(), Counters.Capture(),
            [.. _duplicates.Entries.Select(e => new RememberedEventId(e.At, e.Id))], HeldNow(), At(_newest), At(_watermark), _arrivals);
        MarkCaptured();
        return snapshot;
    }

    /// <summary>
    /// What changed since the last capture or restore (<see cref="Capture"/> and <see cref="CaptureChange"/> both start the
    /// next change): the journeys changed and dropped, and the rest whole but for the remembered ids (those forgotten and
    /// added). A changelog saves this between whole captures; <see cref="Restore(JourneySnapshot, IEnumerable{JourneyChange})"/>
    /// puts a whole capture and the changes after it back. Its size goes with the journeys changed, not with those held.
    /// </summary>
    public JourneyChange CaptureChange()
    {
        var ids = _duplicates.Change();
        var change = new JourneyChange(
            JourneySnapshot.CurrentVersion, Journeys.Change(), Accounts.Capture(), Counters.Capture(),
            ids.Forgotten, [.. ids.Added.Select(e => new RememberedEventId(e.At, e.Id))], HeldNow(), At(_newest), At(_watermark), _arrivals);
        MarkCaptured();
        return change;
    }

    /// <summary>
    /// Puts a whole capture and the changes captured after it (in order) back into a freshly constructed processor (see
    /// <see cref="Restore(JourneySnapshot)"/>), which then goes on as the captured one would have.
    /// </summary>
    public void Restore(JourneySnapshot snapshot, IEnumerable<JourneyChange> changes)
    {
        Restore(snapshot);
        var any = false;
        foreach (var change in changes)
        {
            if (change.Version != JourneySnapshot.CurrentVersion)
                throw new ArgumentException($"journey change of format version {change.Version}; this processor reads version {JourneySnapshot.CurrentVersion}", nameof(changes));
            any = true;
            Journeys.ApplyChange(change.Journeys);
            Accounts.Replace(change.Accounts);
            Counters.Restore(change.Counters);
            _duplicates.ApplyChange(new IdChange(change.IdsForgotten, [.. change.IdsAdded.Select(i => (i.At, i.Id))]));
            PutBack(change.Held, change.Newest, change.Watermark, change.Arrivals);
        }
        if (any) Journeys.RebuildDue(_watermark);
        MarkCaptured();
    }

    /// <summary>The journeys changed since the last capture or restore.</summary>
    public int ChangedSinceCapture => Journeys.ChangedCount;

    private void MarkCaptured()
    {
        Journeys.Mark();
        _duplicates.Mark();
    }

    private HeldJourneyMessage[] HeldNow() =>
        [.. _held.UnorderedItems.Select(h => h.Priority).Order(JourneyInput.Order.Instance).Select(h => HeldJourneyMessage.Of(h.Input, h.Arrival))];

    /// <summary>
    /// Puts a captured state back into a freshly constructed processor (same catalog and settings); throws
    /// <see cref="InvalidOperationException"/> if this processor already took something (a message, a frontier, a flush
    /// or a snapshot), and <see cref="ArgumentException"/> for a snapshot of another format version.
    /// </summary>
    public void Restore(JourneySnapshot snapshot)
    {
        if (_tookSomething) throw new InvalidOperationException("a journeys' state can only be restored into a processor that has taken nothing yet");
        if (snapshot.Version != JourneySnapshot.CurrentVersion)
            throw new ArgumentException($"journey snapshot of format version {snapshot.Version}; this processor reads version {JourneySnapshot.CurrentVersion}", nameof(snapshot));
        _tookSomething = true;
        Journeys.Restore(snapshot.Journeys, snapshot.Watermark?.UtcTicks ?? long.MinValue);
        Accounts.Restore(snapshot.Accounts);
        Counters.Restore(snapshot.Counters);
        _duplicates.Restore(snapshot.Ids.Select(i => (i.At, i.Id)));
        PutBack(snapshot.Held, snapshot.Newest, snapshot.Watermark, snapshot.Arrivals);
        MarkCaptured();
    }

    /// <summary>The messages held (in place of those held), the event times and the arrivals numbered, as captured.</summary>
    private void PutBack(IReadOnlyList<HeldJourneyMessage> held, DateTimeOffset? newest, DateTimeOffset? watermark, long arrivals)
    {
        _held.Clear();
        foreach (var h in held)
        {
            var input = h.ToInput();
            _held.Enqueue(input, (input, h.Arrival));
        }
        _newest = newest?.UtcTicks ?? long.MinValue;
        _watermark = watermark?.UtcTicks ?? long.MinValue;
        _arrivals = arrivals;
    }

    private static DateTimeOffset? At(long ticks) => ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private List<Alert> Take(JourneyInput input)
    {
        var alerts = new List<Alert>();
        var t = input.OccurredAt.UtcTicks;
        if (!_duplicates.TryAdd(input.EventId, input.OccurredAt, new DateTimeOffset(Math.Max(_newest, t), TimeSpan.Zero)))
        {
            if (input.Counted) Counters.Duplicates++;
            return alerts;
        }
        // at or behind what was released (the frontier, or the lateness passed): events after it in event order, those
        // tied with it at its time too, were applied already
        if (t <= _watermark)
        {
            if (input.Counted) Counters.Late++;
            Apply(input, alerts);
            return alerts;
        }
        _held.Enqueue(input, (input, _arrivals++));
        _newest = Math.Max(_newest, t);
        // an event just the lateness behind the newest is still in time (and others at its time may come): what is further behind goes
        if (!_followsFrontier) Release(_newest - Math.Min(_lateness.Ticks + 1, _newest), alerts);
        return alerts;
    }

    private void Release(long upTo, List<Alert> alerts)
    {
        while (_held.TryPeek(out var next, out _) && next.OccurredAt.UtcTicks <= upTo)
        {
            _held.Dequeue();
            _watermark = Math.Max(_watermark, next.OccurredAt.UtcTicks);
            Apply(next, alerts);
        }
        if (upTo == long.MaxValue) return;
        // every event up to here has been delivered (within the lateness): the deadlines up to it hold
        _watermark = Math.Max(_watermark, upTo);
        Advance(upTo, alerts);
    }

    private void Advance(long now, List<Alert> alerts)
    {
        Journeys.Advance(now, alerts);
        Accounts.Advance(now, alerts);
    }

    private void Apply(JourneyInput input, List<Alert> alerts)
    {
        Advance(input.OccurredAt.UtcTicks, alerts);
        if (input.Counted) Counters.Applied++;
        var (journeys, accounts) = (input.Parts.HasFlag(JourneyParts.Journeys), input.Parts.HasFlag(JourneyParts.Accounts));
        switch (input.Signal)
        {
            case null:
                var e = input.Feedback!;
                var score = InteractionScore.Of(e, _catalog);
                if (journeys && e.JourneyId is not null) Journeys.Apply(e, score, alerts);
                if (accounts && e.AccountId is not null) Accounts.Apply(e, score, alerts);
                break;
            case JourneyStep step when journeys: Journeys.Apply(step, alerts); break;
            case JourneyClosed closed when journeys: Journeys.Apply(closed, alerts); break;
            case Churn churn:
                if (journeys) Journeys.Apply(churn, alerts);
                if (accounts) Accounts.Apply(churn, alerts);
                break;
        }
    }

    public void Dispose() => _shelf?.Dispose();

    private void Count(CatalogFlags flags)
    {
        if (flags.HasFlag(CatalogFlags.UnknownDepartment)) Counters.UnknownDepartments++;
        if (flags.HasFlag(CatalogFlags.UnknownRole)) Counters.UnknownRoles++;
    }
}
