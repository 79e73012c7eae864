using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Alerting;

/// <summary>
/// open → updated* → resolved for one site-attribute, with no storms: an update only when the level, the set of
/// factors or the severity changed enough, and not more often than the minimum interval unless it escalates past its
/// peak or starts to spread (a <c>social</c> factor joins); a
/// resolve only when no factor holds and the level has recovered most of its fall for a sustained time (hysteresis).
/// </summary>
public sealed class AlertLifecycle(string siteId, string attributeId, DetectionSettings settings)
{
    public AlertState? Current { get; private set; }

    public void Restore(AlertState? state) => Current = state;

    /// <param name="signals">Trigger factors that hold now.</param>
    /// <param name="importance">The attribute's driver importance, if known.</param>
    /// <param name="recent">The attribute's recent window (for recovery).</param>
    /// <param name="now">Event time of the event being evaluated.</param>
    public AlertDecision? Step(IReadOnlyList<Signal> signals, ImportanceFactor? importance, WindowStats recent, DateTimeOffset now)
    {
        var severity = Severity.Of(signals, importance);
        var level = Severity.LevelOf(severity);
        var recentMean = recent.Count >= settings.MinRecentCount ? recent.Mean : double.NaN;
        if (Current is not { } state)
        {
            if (signals.Count == 0) return null;
            var normal = signals.OrderByDescending(s => s.Strength).First().NormalLevel;
            var id = AlertIds.For(siteId, attributeId, now);
            Current = new AlertState(id, now, 1, severity, level, level, Kinds(signals), now, normal, Worst(double.NaN, recentMean), null);
            return Decision(AlertStatus.Open, Current, signals, importance, now);
        }

        var worst = Worst(state.WorstLevel, recentMean);
        if (signals.Count > 0)
        {
            Current = state with { WorstLevel = worst, RecoveringSince = null };
            var kinds = Kinds(signals);
            var changed = level != state.Level || !kinds.SequenceEqual(state.Kinds) || Math.Abs(severity - state.Severity) >= settings.UpdateSeverityDelta;
            // escalating past its peak, or starting to spread on social networks, is news at once; anything else waits for the interval
            var spreads = kinds.Contains(FactorKind.Social) && !state.Kinds.Contains(FactorKind.Social);
            var due = level > state.PeakLevel || spreads || now - state.LastEmittedAt >= settings.UpdateMinInterval;
            if (!changed || !due) return null;
            Current = Current with { Sequence = state.Sequence + 1, Severity = severity, Level = level, PeakLevel = level > state.PeakLevel ? level : state.PeakLevel, Kinds = kinds, LastEmittedAt = now };
            return Decision(AlertStatus.Updated, Current, signals, importance, now);
        }

        var recovered = !double.IsNaN(recentMean)
            && recentMean >= worst + (settings.RecoveredFraction * (state.NormalLevel - worst));
        if (!recovered)
        {
            Current = state with { WorstLevel = worst, RecoveringSince = null };
            return null;
        }
        var since = state.RecoveringSince ?? now;
        if (now - since < settings.ResolveAfter)
        {
            Current = state with { WorstLevel = worst, RecoveringSince = since };
            return null;
        }
        Current = null;
        var resolved = state with { Sequence = state.Sequence + 1, WorstLevel = worst, LastEmittedAt = now };
        return Decision(AlertStatus.Resolved, resolved, [], importance, now);
    }

    private static double Worst(double worst, double recentMean) =>
        double.IsNaN(recentMean) ? worst : double.IsNaN(worst) ? recentMean : Math.Min(worst, recentMean);

    private static FactorKind[] Kinds(IReadOnlyList<Signal> signals) =>
        signals.Select(s => s.Factor.Kind).Order().ToArray();

    private static AlertDecision Decision(AlertStatus status, AlertState s, IReadOnlyList<Signal> signals, ImportanceFactor? importance, DateTimeOffset now) =>
        new(status, s.AlertId, s.Sequence, s.Severity, s.Level, signals, importance, now, s.NormalLevel, s.WorstLevel);
}
