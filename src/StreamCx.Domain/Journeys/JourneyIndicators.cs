using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Journeys;

/// <summary>What the journey indicators are grouped by: the journey's site (where it was first seen), its region, or each department it went through.</summary>
public enum JourneyIndicatorScope
{
    Site,
    Region,
    Department,
}

/// <summary>
/// The journey indicators of one site, region or department over the journeys active in the period: how many, the share of
/// red ones, the watermelon rate (red while well rated), the mean interaction and journey scores (0..10) and their gap
/// (interaction minus journey, over journeys with both: positive when each contact looks better than the whole), and the
/// churn rate (customers or accounts of those journeys that churned, over all of them).
/// </summary>
public sealed record JourneyIndicatorRow(
    string Key,
    int Journeys,
    int Red,
    double RedShare,
    int Watermelons,
    double WatermelonRate,
    double? MeanInteractionScore,
    double? MeanJourneyScore,
    double? SatisfactionGap,
    int Customers,
    int Churned,
    double? ChurnRate);

/// <summary>
/// Tallies journey indicators over the journeys of any number of processors (a journey is held by one processor only, so
/// their tallies add up), each journey's red rules as of its processor's event time (pure).
/// </summary>
public sealed class JourneyIndicatorTally(ReferenceCatalog catalog, JourneySettings settings, JourneyIndicatorScope scope, long sinceTicks)
{
    /// <summary>The key of journeys without a site or a department.</summary>
    public const string None = "(none)";

    private readonly SortedDictionary<string, Totals> _rows = new(StringComparer.Ordinal);

    /// <summary>Journeys whose last event is before this (UTC ticks) are not counted.</summary>
    public long Since => sinceTicks;

    /// <summary>Adds a journey, its rules evaluated at <paramref name="now"/>, when it was active since the period's start.</summary>
    public void Add(JourneyState j, long now)
    {
        if (j.LastTicks < sinceTicks) return;
        var rules = RedRules.Evaluate(j, Math.Max(now, j.LastTicks), settings);
        var watermelon = RedRules.IsWatermelon(j, rules, settings);
        switch (scope)
        {
            case JourneyIndicatorScope.Department when j.Departments.Length > 0:
                foreach (var department in j.Departments) Of(department).Add(j, rules, watermelon);
                break;
            case JourneyIndicatorScope.Region:
                Of(j.SiteId is not null && catalog.TryGetSite(j.SiteId, out var site) ? site.RegionId : None).Add(j, rules, watermelon);
                break;
            default:
                Of(scope == JourneyIndicatorScope.Site ? j.SiteId ?? None : None).Add(j, rules, watermelon);
                break;
        }
    }

    /// <summary>One row per key, in key order.</summary>
    public IReadOnlyList<JourneyIndicatorRow> Rows() => [.. _rows.Select(r => r.Value.Row(r.Key))];

    private Totals Of(string key)
    {
        if (!_rows.TryGetValue(key, out var totals)) _rows[key] = totals = new Totals();
        return totals;
    }

    private sealed class Totals
    {
        private readonly HashSet<string> _customers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _churned = new(StringComparer.Ordinal);
        private int _journeys, _red, _watermelons, _rated, _scored, _both;
        private double _interactionSum, _journeySum, _gapSum;

        public void Add(JourneyState j, RedRule rules, bool watermelon)
        {
            _journeys++;
            if (rules != RedRule.None) _red++;
            if (watermelon) _watermelons++;
            if (j.Rated > 0) (_rated, _interactionSum) = (_rated + 1, _interactionSum + j.MeanInteractionScore);
            if (j.JourneyScore is { } score) (_scored, _journeySum) = (_scored + 1, _journeySum + score);
            if (j.Rated > 0 && j.JourneyScore is { } both) (_both, _gapSum) = (_both + 1, _gapSum + (j.MeanInteractionScore - both));
            if ((j.AccountId ?? j.CustomerId) is not { } customer) return;
            _customers.Add(customer);
            if (j.ChurnEventId is not null) _churned.Add(customer);
        }

        public JourneyIndicatorRow Row(string key) => new(
            key, _journeys, _red, Share(_red, _journeys), _watermelons, Share(_watermelons, _journeys),
            Mean(_interactionSum, _rated), Mean(_journeySum, _scored), Mean(_gapSum, _both),
            _customers.Count, _churned.Count, _customers.Count == 0 ? null : Share(_churned.Count, _customers.Count));

        private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

        private static double? Mean(double sum, int count) => count == 0 ? null : Math.Round(sum / count, 2);
    }
}
