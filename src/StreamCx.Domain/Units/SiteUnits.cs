using StreamCx.Domain.Contracts;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Units;

/// <summary>
/// One site's scores per unit (seller, agent, team: <c>unitId</c> of feedback), by attribute and hour of event time over the
/// last <see cref="RetentionHours"/> before the newest hour the site took (pure; sums only). <see cref="Drop"/> says which
/// units make the site's drop on an attribute: each unit's share of the drop (its recent responses × how far its own mean
/// fell, over the site's recent responses), naming only units with <see cref="MinResponses"/> responses before and after —
/// never on a handful. Kept by the site's intake, so a site alert names its units from the same events, in event time.
/// </summary>
public sealed class SiteUnits
{
    public const int RetentionHours = 7 * 24;
    public const int MaxUnitsPerSite = 200;

    /// <summary>Responses a unit needs in each period to be scored or named.</summary>
    public const int MinResponses = 10;

    /// <summary>Where units above <see cref="MaxUnitsPerSite"/> are counted.</summary>
    public const string Other = "(other)";

    private readonly Dictionary<(string Unit, string Attribute), List<(long Hour, int N, double Sum)>> _hours = new();
    private readonly HashSet<string> _units = new(StringComparer.Ordinal);
    private long _newest = long.MinValue;

    /// <summary>Counts a response's ratings under its unit (nothing without a <c>unitId</c>).</summary>
    public void Observe(FeedbackEvent e)
    {
        if (e.UnitId is null || e.Ratings.Count == 0) return;
        var hour = e.OccurredAt.UtcTicks / TimeSpan.TicksPerHour;
        _newest = Math.Max(_newest, hour);
        var unit = UnitOf(e.UnitId);
        foreach (var (attributeId, value) in e.Ratings)
        {
            if (!_hours.TryGetValue((unit, attributeId), out var list)) _hours[(unit, attributeId)] = list = [];
            var at = list.Count - 1; // on the hot path: plain loops from the ends, no closure (the hour is nearly always the last)
            while (at >= 0 && list[at].Hour > hour) at--;
            if (at >= 0 && list[at].Hour == hour) list[at] = (hour, list[at].N + 1, list[at].Sum + value);
            else list.Insert(at + 1, (hour, 1, value));
            var old = 0;
            while (old < list.Count && list[old].Hour <= _newest - RetentionHours) old++;
            if (old > 0) list.RemoveRange(0, old);
        }
    }

    /// <summary>Every unit on the attribute over the last <paramref name="hours"/> hours: responses and mean (null under the minimum).</summary>
    public IReadOnlyList<UnitScore> Scores(string attributeId, int hours = 24) =>
    [
        .. _hours.Where(kv => kv.Key.Attribute == attributeId)
            .Select(kv => (kv.Key.Unit, Sum: Sum(kv.Value, _newest - hours + 1, _newest)))
            .OrderBy(u => u.Unit, StringComparer.Ordinal)
            .Select(u => new UnitScore(u.Unit, u.Sum.N, u.Sum.N >= MinResponses ? Math.Round(u.Sum.Total / u.Sum.N, 2) : null)),
    ];

    /// <summary>
    /// The units that make most of the site's drop on the attribute between the <paramref name="baselineHours"/> before and the
    /// last <paramref name="recentHours"/> (at least half of the drop together, the largest first); none when the site did
    /// not drop or no unit has enough responses in both periods.
    /// </summary>
    public IReadOnlyList<UnitContribution> Drop(string attributeId, int recentHours = 3, int baselineHours = 24)
    {
        if (_hours.Count == 0) return [];
        var recentFrom = _newest - recentHours + 1;
        var units = _hours.Where(kv => kv.Key.Attribute == attributeId)
            .Select(kv => (kv.Key.Unit, Before: Sum(kv.Value, recentFrom - baselineHours, recentFrom - 1), Recent: Sum(kv.Value, recentFrom, _newest)))
            .OrderBy(u => u.Unit, StringComparer.Ordinal) // the site's sums do not depend on the order units came in
            .ToArray();
        var recentN = units.Sum(u => u.Recent.N);
        var beforeN = units.Sum(u => u.Before.N);
        if (recentN == 0 || beforeN == 0) return [];
        var siteDrop = (units.Sum(u => u.Before.Total) / beforeN) - (units.Sum(u => u.Recent.Total) / recentN);
        if (siteDrop <= 0) return [];
        var contributions = units.Where(u => u.Before.N >= MinResponses && u.Recent.N >= MinResponses)
            .Select(u => new UnitContribution(u.Unit, u.Recent.N, Math.Round(u.Before.Total / u.Before.N, 2), Math.Round(u.Recent.Total / u.Recent.N, 2),
                Math.Round(u.Recent.N * ((u.Before.Total / u.Before.N) - (u.Recent.Total / u.Recent.N)) / recentN / siteDrop, 3)))
            .Where(c => c.ShareOfDrop > 0)
            .OrderByDescending(c => c.ShareOfDrop).ThenBy(c => c.UnitId, StringComparer.Ordinal)
            .ToList();
        var named = new List<UnitContribution>();
        foreach (var c in contributions)
        {
            named.Add(c);
            if (named.Sum(n => n.ShareOfDrop) >= 0.5) return named;
        }
        return [];
    }

    /// <summary>The units known and their hourly sums, as plain data; null when the site has seen no unit.</summary>
    public SiteUnitsSnapshot? Capture() => _units.Count == 0 ? null : new(
        _newest,
        [.. _units.Order(StringComparer.Ordinal)],
        [
            .. _hours.OrderBy(kv => kv.Key.Unit, StringComparer.Ordinal).ThenBy(kv => kv.Key.Attribute, StringComparer.Ordinal)
                .Select(kv => new UnitHoursSnapshot(kv.Key.Unit, kv.Key.Attribute, [.. kv.Value.Select(h => h.Hour)], [.. kv.Value.Select(h => h.N)], [.. kv.Value.Select(h => h.Sum)])),
        ]);

    /// <summary>Puts back what <see cref="Capture"/> took, in place of what it holds (null: nothing).</summary>
    public void Restore(SiteUnitsSnapshot? snapshot)
    {
        _hours.Clear();
        _units.Clear();
        _newest = long.MinValue;
        if (snapshot is null) return;
        _newest = snapshot.NewestHour;
        _units.UnionWith(snapshot.Units);
        foreach (var s in snapshot.Series) _hours[(s.UnitId, s.AttributeId)] = [.. s.Hours.Select((hour, i) => (hour, s.Counts[i], s.Sums[i]))];
    }

    private static (int N, double Total) Sum(List<(long Hour, int N, double Sum)> hours, long from, long to)
    {
        var (n, total) = (0, 0.0);
        foreach (var h in hours)
            if (h.Hour >= from && h.Hour <= to) (n, total) = (n + h.N, total + h.Sum);
        return (n, total);
    }

    private string UnitOf(string unitId)
    {
        if (_units.Contains(unitId) || _units.Count < MaxUnitsPerSite) { _units.Add(unitId); return unitId; }
        return Other;
    }
}

/// <summary>A unit's responses on an attribute over a period and its mean (null under <see cref="SiteUnits.MinResponses"/>).</summary>
public sealed record UnitScore(string UnitId, int Responses, double? Mean);
