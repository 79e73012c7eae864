using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// One site's days for the incident correlation (<see cref="IncidentCorrelation"/>): per day of event time (UTC), its
/// incidents by type and its ratings by attribute with how many were dissatisfied. The site keeps them as it takes its
/// feedback (in event order) and its incidents (as they come, maybe ahead of the feedback), and forgets those
/// <see cref="Retention"/> days behind its feedback. A region measures on its sites' closed days, which are then the same
/// however the incidents came.
/// </summary>
public sealed class SiteDays
{
    public const int Retention = IncidentCorrelation.Days + 1;

    private readonly SortedDictionary<long, Day> _days = [];
    private (long Number, Day? Day) _last = (long.MinValue, null);
    private long _first = long.MaxValue; // the oldest day kept: forgetting is asked at every event, and is nearly always nothing

    public int Count => _days.Count;

    /// <summary>A rating of <paramref name="attribute"/> at <paramref name="at"/>.</summary>
    public void Rate(DateTimeOffset at, AttributeDefinition attribute, double value)
    {
        var ratings = DayAt(DayOf(at)).Ratings;
        var (n, dissatisfied) = ratings.GetValueOrDefault(attribute.AttributeId);
        ratings[attribute.AttributeId] = (n + 1, dissatisfied + (attribute.IsDissatisfied(value) ? 1 : 0));
    }

    /// <summary>An incident of <paramref name="type"/> at <paramref name="at"/> (the caller gives each one once).</summary>
    public void Add(DateTimeOffset at, string type)
    {
        var incidents = DayAt(DayOf(at)).Incidents;
        incidents[type] = incidents.GetValueOrDefault(type) + 1;
    }

    /// <summary>Forgets the days before <paramref name="day"/>.</summary>
    public void ForgetBefore(long day)
    {
        if (_first >= day) return;
        foreach (var old in _days.Keys.TakeWhile(k => k < day).ToArray()) _days.Remove(old);
        _first = _days.Count == 0 ? long.MaxValue : _days.Keys.First();
        if (_last.Number < day) _last = (long.MinValue, null);
    }

    /// <summary>The site's days from <paramref name="from"/> to <paramref name="to"/> (both included), as plain data.</summary>
    public IEnumerable<SiteDaySnapshot> Rows(string siteId, long from, long to) =>
        _days.Where(kv => kv.Key >= from && kv.Key <= to).Select(kv => Row(siteId, kv.Key, kv.Value));

    public IReadOnlyList<SiteDaySnapshot> Capture(string siteId) => [.. _days.Select(kv => Row(siteId, kv.Key, kv.Value))];

    public void Restore(IEnumerable<SiteDaySnapshot> rows)
    {
        _days.Clear();
        _last = (long.MinValue, null);
        _first = long.MaxValue;
        foreach (var row in rows)
        {
            var day = _days[row.Day] = new Day();
            _first = Math.Min(_first, row.Day);
            foreach (var (type, n) in row.Incidents) day.Incidents[type] = n;
            foreach (var (attributeId, r) in row.Ratings) day.Ratings[attributeId] = (r.Count, r.Dissatisfied);
        }
    }

    public static long DayOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerDay;

    private static SiteDaySnapshot Row(string siteId, long number, Day day) => new(
        siteId, number, day.Incidents.ToOrdinalDictionary(n => n), day.Ratings.ToOrdinalDictionary(r => new DayRatings(r.N, r.Dissatisfied)));

    private Day DayAt(long number)
    {
        if (_last.Number == number) return _last.Day!;
        if (!_days.TryGetValue(number, out var day))
        {
            _days[number] = day = new Day();
            _first = Math.Min(_first, number);
        }
        _last = (number, day);
        return day;
    }

    private sealed class Day
    {
        public Dictionary<string, int> Incidents { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (int N, int Dissatisfied)> Ratings { get; } = new(StringComparer.Ordinal);
    }
}
