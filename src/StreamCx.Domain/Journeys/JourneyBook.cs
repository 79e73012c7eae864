using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys.Passivation;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;
using Mark = StreamCx.Domain.Journeys.JourneyState.Mark;
using MarkKind = StreamCx.Domain.Journeys.JourneyState.MarkKind;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// Every journey held, keyed by journey id, with the customers' and accounts' journeys for churn; applies events in the
/// order given, looks at each journey again when a rule's deadline passes (<see cref="Advance"/>), and drops a journey
/// <see cref="JourneySettings.Retention"/> after its last event. Pure and deterministic in event time. With
/// <c>readings</c>, each journey also gives its journey indicator readings as it settles (<see cref="Indicators.JourneyReadings"/>).
/// With a <c>shelf</c>, a journey without events for <see cref="JourneySettings.PassivateAfter"/> is passivated there (its
/// look at that instant is one more entry of the due queue) and brought back by its next event, its next deadline or a
/// churn of its customer or account: the same alerts, views and captures as if it had stayed.
/// </summary>
public sealed partial class JourneyBook(ReferenceCatalog catalog, JourneySettings settings, TimeProvider clock, Indicators.JourneyReadings? readings = null, IJourneyShelf? shelf = null)
{
    private readonly Dictionary<string, JourneyState> _journeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JourneyState>> _byCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JourneyState>> _byAccount = new(StringComparer.Ordinal);
    private readonly DueQueue _due = new();
    private readonly WatermelonAlerts _alerts = new(catalog, settings, clock);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal); // since the last mark: journeys touched or looked at
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal); // since the last mark: journeys dropped
    private bool _tracking; // changes are kept once a first mark says someone captures them (a book never saved keeps none)
    private readonly BoundedStringPool _labels = new(RestoredLabels); // labels of journeys read back (restored, brought back)

    /// <summary>Journeys held, in memory and passivated.</summary>
    public int Count => _journeys.Count + (int)Passivated;

    /// <summary>Journeys passivated on the shelf.</summary>
    public long Passivated => shelf?.Count ?? 0;

    public long Dropped { get; private set; }

    /// <summary>The journey held (a passivated one is read, not brought back), or null.</summary>
    public JourneyState? Find(string journeyId) =>
        _journeys.GetValueOrDefault(journeyId) ?? (OnShelf && shelf!.Find(journeyId) is { } s ? Thaw(s.Journey) : null);

    /// <summary>
    /// Every journey held whose last event is at or after <paramref name="activeSince"/>, in memory and passivated (read, not
    /// brought back: those idle longer are not even read), in no particular order.
    /// </summary>
    public IEnumerable<JourneyState> Active(long activeSince)
    {
        var inMemory = _journeys.Values.Where(j => j.LastTicks >= activeSince);
        return OnShelf ? inMemory.Concat(shelf!.All(activeSince).Select(s => Thaw(s.Journey))) : inMemory;
    }

    private bool OnShelf => shelf is { Count: > 0 };

    /// <summary>Event time has reached <paramref name="now"/>: deadlines up to it are evaluated at their own instant, in order.</summary>
    public void Advance(long now, List<Alert> alerts)
    {
        if (OnShelf && shelf!.EarliestDue <= now)
        {
            foreach (var s in shelf.TakeDue(now)) _due.Add(Bring(s.Journey).JourneyId, s.Due);
        }
        while (_due.TryTake(now, out var id, out var due))
        {
            if (!_journeys.TryGetValue(id, out var j)) continue;
            if (due >= j.LastTicks + settings.Retention.Ticks)
            {
                Drop(j, due, alerts);
                continue;
            }
            var next = NextDue(j, due - 1);
            if (next == due)
            {
                Look(j, due, alerts);
                next = NextDue(j, due);
            }
            if (!IsIdle(j, due)) _due.Add(id, NextEntry(j, due));
            else if (next > now) Shelve(j, next);
            else _due.Add(id, next); // its next look is before now: taken in this loop, as if it stayed
        }
    }

    public void Apply(FeedbackEvent e, double score, List<Alert> alerts)
    {
        var t = e.OccurredAt.UtcTicks;
        var j = Touch(e.JourneyId!, t, e.CustomerId, e.AccountId, e.SiteId);
        j.AddDepartment(e.Department);
        if (e.Scope == FeedbackScope.Journey)
        {
            j.JourneyScore = score;
            j.AddMark(new Mark(t, MarkKind.JourneySurvey, e.Department, e.Touchpoint, (float)score), settings.MaxTimelineSteps);
        }
        else
        {
            j.Contacts++;
            j.Rated++;
            j.ScoreSum += score;
            if (score <= JourneyAlertComposer.DissatisfiedAtOrBelow) j.Dissatisfied++;
            j.AddMark(new Mark(t, MarkKind.Interaction, e.Department, e.Touchpoint, (float)score), settings.MaxTimelineSteps);
        }
        Look(j, t, alerts);
    }

    public void Apply(JourneyStep s, List<Alert> alerts)
    {
        var t = s.OccurredAt.UtcTicks;
        var j = Touch(s.JourneyId, t, s.CustomerId, s.AccountId, s.SiteId);
        j.Contacts++;
        j.AddDepartment(s.Department);
        j.AddReason(s.Reason);
        j.AddMark(new Mark(t, MarkKind.Step, s.Department, s.Step, float.NaN), settings.MaxTimelineSteps);
        Look(j, t, alerts);
    }

    public void Apply(JourneyClosed c, List<Alert> alerts)
    {
        var t = c.OccurredAt.UtcTicks;
        var j = Touch(c.JourneyId, t, c.CustomerId, c.AccountId, c.SiteId);
        j.Outcome = c.Outcome;
        j.ClosedTicks = t;
        j.AddMark(new Mark(t, MarkKind.Closed, null, c.Outcome.ToString().ToLowerInvariant(), float.NaN), settings.MaxTimelineSteps);
        Look(j, t, alerts);
    }

    /// <summary>Links the churn to every journey of its customer and account that was not closed resolved.</summary>
    public void Apply(Churn c, List<Alert> alerts)
    {
        var t = c.OccurredAt.UtcTicks;
        if (OnShelf && (c.CustomerId is not null || c.AccountId is not null))
        {
            foreach (var s in shelf!.TakeOf(c.CustomerId, c.AccountId))
            {
                var j = Bring(s.Journey);
                _due.Add(j.JourneyId, NextEntry(j, t)); // passivated again after t unless the churn touches it
            }
        }
        var linked = Of(_byCustomer, c.CustomerId).Concat(Of(_byAccount, c.AccountId))
            .Where(j => j.Outcome != JourneyOutcome.Resolved && j.ChurnEventId is null)
            .Distinct().OrderBy(j => j.JourneyId, StringComparer.Ordinal).ToList();
        foreach (var j in linked)
        {
            j.ChurnEventId = c.EventId;
            j.LastTicks = Math.Max(j.LastTicks, t);
            j.AddMark(new Mark(t, MarkKind.Churn, null, c.Reason, float.NaN), settings.MaxTimelineSteps);
            Look(j, t, alerts);
        }
    }

    /// <summary>Every journey held, when each next needs a look, and the drops, as plain data.</summary>
    /// <remarks>Passivated journeys are in it as if in memory, their next look among the deadlines.</remarks>
    public JourneyBookSnapshot Capture()
    {
        var shelved = OnShelf ? shelf!.All().ToList() : [];
        var journeys = _journeys.Values.Select(j => j.ToSnapshot()).Concat(shelved.Select(s => s.Journey)).OrderBy(j => j.JourneyId, StringComparer.Ordinal);
        var due = shelved.Count == 0 ? _due.Capture()
            : [.. _due.Capture().Concat(shelved.Select(s => new DueEntry(s.Journey.JourneyId, s.Due))).OrderBy(d => d.Due).ThenBy(d => d.Key, StringComparer.Ordinal)];
        return new([.. journeys], due, Dropped);
    }

    /// <summary>
    /// Puts back what <see cref="Capture"/> took, into a book that holds nothing yet: the customers' and accounts' journeys
    /// are indexed again, and the deadlines keyed by the journeys' own ids (one string each, as in a book built event by event).
    /// With a shelf, the journeys idle at <paramref name="reached"/> (the event time the capture's processor reached) go
    /// straight onto it.
    /// </summary>
    public void Restore(JourneyBookSnapshot snapshot, long reached = long.MinValue)
    {
        var idle = new Dictionary<string, JourneyState>(StringComparer.Ordinal);
        foreach (var s in snapshot.Journeys)
        {
            var j = JourneyState.FromSnapshot(s, _labels, settings.MaxTimelineSteps);
            if (IsIdle(j, reached)) idle[j.JourneyId] = j;
            else Hold(j);
        }
        foreach (var d in snapshot.Due)
        {
            if (_journeys.TryGetValue(d.Key, out var j)) _due.Add(j.JourneyId, d.Due);
            else if (idle.Remove(d.Key, out var resting)) shelf!.Put(resting.ToSnapshot(), d.Due);
            else _due.Add(d.Key, d.Due);
        }
        foreach (var j in idle.Values) shelf!.Put(j.ToSnapshot(), NextDue(j, reached)); // none without a deadline, but no journey is lost
        Dropped = snapshot.Dropped;
    }

    /// <summary>Slots of the pool that shares a restored book's labels (sites, departments, steps, reasons).</summary>
    internal const int RestoredLabels = 1024;

    private static IEnumerable<JourneyState> Of(Dictionary<string, List<JourneyState>> index, string? key) =>
        key is not null && index.TryGetValue(key, out var list) ? list : [];

    /// <summary>
    /// The journeys changed since the last <see cref="Mark"/> (in ordinal order) and those dropped: what a changelog saves
    /// instead of every journey (<see cref="ApplyChange"/> on the book at the mark gives the book now, but for the due queue,
    /// rebuilt by <see cref="RebuildDue"/>). Changes are kept from the first <see cref="Mark"/> on: a book that is never saved
    /// (replay, an engine without snapshots) keeps none.
    /// </summary>
    public JourneyBookChange Change() => new(
        [.. _changed.Order(StringComparer.Ordinal).Select(id => _journeys.TryGetValue(id, out var j) ? j.ToSnapshot() : shelf!.Find(id)!.Journey)],
        [.. _removed.Order(StringComparer.Ordinal)], Dropped);

    /// <summary>Journeys changed or dropped since the last mark.</summary>
    public int ChangedCount => _changed.Count + _removed.Count;

    /// <summary>The book now is the one the next <see cref="Change"/> starts from.</summary>
    public void Mark()
    {
        _tracking = true;
        var large = _changed.Count > 4096;
        _changed.Clear();
        if (large) _changed.TrimExcess(); // a first save of many journeys: their slots are not kept
        _removed.Clear();
    }

    /// <summary>Applies a change taken by <see cref="Change"/> to the book it started from (its due queue then needs <see cref="RebuildDue"/>).</summary>
    public void ApplyChange(JourneyBookChange change)
    {
        foreach (var id in change.Removed) Forget(id);
        foreach (var s in change.Changed)
        {
            Forget(s.JourneyId);
            Hold(JourneyState.FromSnapshot(s, _labels, settings.MaxTimelineSteps));
        }
        Dropped = change.Dropped;
        Mark();
    }

    /// <summary>Takes the journey out of memory or off the shelf, wherever it is.</summary>
    private void Forget(string journeyId)
    {
        if (_journeys.Remove(journeyId, out var gone))
        {
            Unindex(_byCustomer, gone.CustomerId, gone);
            Unindex(_byAccount, gone.AccountId, gone);
        }
        else if (OnShelf) shelf!.Take(journeyId);
    }

    /// <summary>
    /// Puts every journey in the due queue at its next look after <paramref name="reached"/> (the event time the book's
    /// processor reached): the look a queue built event by event gives it (an entry there may come up earlier, but it only
    /// puts the journey back at this time).
    /// </summary>
    public void RebuildDue(long reached)
    {
        _due.Clear();
        if (OnShelf)
        {
            foreach (var s in shelf!.TakeDue(reached)) Hold(Thaw(s.Journey)); // their captured look is past: put back below
        }
        foreach (var j in _journeys.Values.ToList())
        {
            if (IsIdle(j, reached)) Shelve(j, NextDue(j, reached));
            else _due.Add(j.JourneyId, NextEntry(j, reached));
        }
    }

    private JourneyState Touch(string journeyId, long t, string? customerId, string? accountId, string? siteId)
    {
        if (_tracking) _changed.Add(journeyId);
        var brought = false;
        if (!_journeys.TryGetValue(journeyId, out var j))
        {
            if (OnShelf && shelf!.Take(journeyId) is { } s)
            {
                j = Bring(s.Journey);
                brought = true;
            }
            else
            {
                _journeys[journeyId] = j = new JourneyState(journeyId, t);
                _due.Add(journeyId, NextEntry(j, t));
            }
        }
        j.OpenedTicks = Math.Min(j.OpenedTicks, t);
        j.LastTicks = Math.Max(j.LastTicks, t);
        j.SiteId ??= siteId;
        if (j.CustomerId is null && customerId is not null) Index(_byCustomer, j.CustomerId = customerId, j);
        if (j.AccountId is null && accountId is not null) Index(_byAccount, j.AccountId = accountId, j);
        if (brought) _due.Add(journeyId, NextEntry(j, t)); // its shelf's look is after t (passed ones were brought back by Advance)
        return j;
    }


    /// <summary>Holds the journey in memory, indexed by customer and account.</summary>
    private void Hold(JourneyState j)
    {
        _journeys[j.JourneyId] = j;
        if (j.CustomerId is not null) Index(_byCustomer, j.CustomerId, j);
        if (j.AccountId is not null) Index(_byAccount, j.AccountId, j);
    }

    /// <summary>The next instant the journey needs a look after <paramref name="after"/>: its too-long deadline while open, else its retention.</summary>
    private long NextDue(JourneyState j, long after)
    {
        var retention = j.LastTicks + settings.Retention.Ticks;
        var tooLong = j.OpenedTicks + settings.MaxOpenDuration.Ticks + 1;
        return j.ClosedTicks is null && tooLong > after && tooLong < retention ? tooLong : retention;
    }

    /// <summary>Looks at a journey that changed (or whose deadline passed) at <paramref name="now"/>: its alert, its readings.</summary>
    private void Look(JourneyState j, long now, List<Alert> alerts)
    {
        if (_tracking) _changed.Add(j.JourneyId);
        _alerts.Evaluate(j, now, alerts);
        readings?.Evaluate(j, now);
    }

    private void Drop(JourneyState j, long at, List<Alert> alerts)
    {
        _alerts.Evaluate(j, at, alerts, closing: $"was dropped after {settings.Retention.TotalDays:0} days without events");
        _journeys.Remove(j.JourneyId);
        if (_tracking)
        {
            _changed.Remove(j.JourneyId);
            _removed.Add(j.JourneyId);
        }
        Unindex(_byCustomer, j.CustomerId, j);
        Unindex(_byAccount, j.AccountId, j);
        Dropped++;
    }

    private static void Index(Dictionary<string, List<JourneyState>> index, string key, JourneyState j)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<JourneyState>(1);
        list.Add(j);
    }

    private static void Unindex(Dictionary<string, List<JourneyState>> index, string? key, JourneyState j)
    {
        if (key is null || !index.TryGetValue(key, out var list)) return;
        list.Remove(j);
        if (list.Count == 0) index.Remove(key);
    }
}
