using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// The journeys and accounts of one engine (or of a replay): events are held and applied in
/// <see cref="EventTime.EventOrder"/> once event time passes them — in a replay (or alone) once the newest event time is
/// <see cref="JourneySettings.AllowedLateness"/> past them; in the engine (<c>followsFrontier</c>) once the engine's
/// frontier of event time passes them (<see cref="Advance"/>), as the sites' events are. So events of a journey that
/// arrive out of order within that lateness (or ahead of the frontier) give what they give in order; a later one is
/// applied on arrival and counted late. Deadlines (a journey open too long, retention) are evaluated as event time passes
/// them.
/// </summary>
public sealed class JourneyProcessor
{
    /// <summary>A repeated event id within this much event time counts once (as for feedback).</summary>
    private static readonly TimeSpan DuplicateHorizon = TimeSpan.FromHours(48);

    private readonly ReferenceCatalog _catalog;
    private readonly JourneySettings _settings;
    private readonly bool _followsFrontier;
    private readonly TimeSpan _lateness;
    private readonly PriorityQueue<JourneyInput, (JourneyInput, long)> _held = new(JourneyInput.Order.Instance);
    private readonly DuplicateFilter _duplicates = new(DuplicateHorizon, 1_000_000);
    private long _arrivals;
    private long _newest = long.MinValue;
    private long _watermark = long.MinValue;

    /// <param name="followsFrontier">Events are released by <see cref="Advance"/> only (the engine), not by the lateness.</param>
    public JourneyProcessor(ReferenceCatalog catalog, JourneySettings settings, TimeProvider clock, bool followsFrontier = false)
    {
        _followsFrontier = followsFrontier;
        _catalog = catalog;
        _settings = settings;
        _lateness = settings.AllowedLateness;
        Journeys = new JourneyBook(catalog, settings, clock);
        Accounts = new AccountBook(catalog, settings, clock);
    }

    public JourneyBook Journeys { get; }

    public AccountBook Accounts { get; }

    public JourneyCounters Counters { get; } = new();

    /// <summary>Events waiting for the lateness to pass.</summary>
    public int Held => _held.Count;

    /// <summary>The journey as of the event time reached, or null when it is not held (never seen, or dropped).</summary>
    public JourneyView? Journey(string journeyId) =>
        Journeys.Find(journeyId) is { } j ? JourneyViews.Of(j, _watermark, _settings) : null;

    public AccountView? Account(string accountId) =>
        Accounts.Find(accountId) is { } a ? JourneyViews.Of(a, Accounts.Divergence(a) is not null) : null;

    /// <summary>Feedback without a journey or an account only has its catalog flags counted.</summary>
    public IReadOnlyList<Alert> Process(FeedbackEvent e) => Process(JourneyInput.From(e));

    public IReadOnlyList<Alert> Process(JourneySignal s) => Process(JourneyInput.From(s));

    /// <summary>A message, or the parts of it that this processor's channel applies (<see cref="JourneyRouting"/>).</summary>
    public IReadOnlyList<Alert> Process(JourneyInput input)
    {
        if (input.Counted) Count(input.Feedback?.Flags ?? (input.Signal as JourneyStep)?.Flags ?? CatalogFlags.None);
        return input.Feedback is { JourneyId: null, AccountId: null } ? [] : Take(input);
    }

    /// <summary>The engine's frontier of event time moved: every message at or before it has been delivered.</summary>
    public IReadOnlyList<Alert> Advance(DateTimeOffset frontier)
    {
        var alerts = new List<Alert>();
        if (frontier.UtcTicks > _watermark) Release(frontier.UtcTicks, alerts);
        return alerts;
    }

    /// <summary>Applies every held event (the end of a replay); event time goes no further than the last of them.</summary>
    public IReadOnlyList<Alert> Flush()
    {
        var alerts = new List<Alert>();
        Release(long.MaxValue, alerts);
        return alerts;
    }

    private List<Alert> Take(JourneyInput input)
    {
        var alerts = new List<Alert>();
        var t = input.OccurredAt.UtcTicks;
        if (!_duplicates.TryAdd(input.EventId, input.OccurredAt, new DateTimeOffset(Math.Max(_newest, t), TimeSpan.Zero)))
        {
            if (input.Counted) Counters.Duplicates++;
            return alerts;
        }
        if (t < _watermark || (_followsFrontier && t == _watermark))
        {
            if (input.Counted) Counters.Late++;
            Apply(input, alerts);
            return alerts;
        }
        _held.Enqueue(input, (input, _arrivals++));
        _newest = Math.Max(_newest, t);
        if (!_followsFrontier) Release(_newest - Math.Min(_lateness.Ticks, _newest), alerts);
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

    private void Count(CatalogFlags flags)
    {
        if (flags.HasFlag(CatalogFlags.UnknownDepartment)) Counters.UnknownDepartments++;
        if (flags.HasFlag(CatalogFlags.UnknownRole)) Counters.UnknownRoles++;
    }
}
