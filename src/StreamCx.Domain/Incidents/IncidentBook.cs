using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// One site's operational incidents over the last <see cref="Retention"/> of event time (at most <see cref="MaxKept"/>, the
/// latest kept), in event order, and the ids already taken.
/// </summary>
public sealed class IncidentBook
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    public const int MaxKept = 2000;

    private readonly List<KeptIncident> _incidents = [];
    private readonly DuplicateFilter _duplicates = new(TimeSpan.FromHours(48), 100_000);
    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    public IReadOnlyList<KeptIncident> Incidents => _incidents;

    /// <summary>Takes one incident; false for a duplicate.</summary>
    public bool Add(Incident i)
    {
        if (i.OccurredAt > _newest) _newest = i.OccurredAt;
        if (!_duplicates.TryAdd(i.EventId, i.OccurredAt, _newest)) return false;
        var kept = new KeptIncident(i.EventId, i.OccurredAt, i.IncidentType, i.Magnitude, i.EndedAt);
        var at = _incidents.Count;
        while (at > 0 && Later(_incidents[at - 1], kept)) at--;
        _incidents.Insert(at, kept);
        var cutoff = _newest - Retention;
        var drop = 0;
        while (drop < _incidents.Count && (_incidents[drop].OccurredAt < cutoff || _incidents.Count - drop > MaxKept)) drop++;
        if (drop > 0) _incidents.RemoveRange(0, drop);
        return true;
    }

    /// <summary>The incidents that started in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IEnumerable<KeptIncident> Between(DateTimeOffset from, DateTimeOffset to) =>
        _incidents.Where(i => i.OccurredAt >= from && i.OccurredAt <= to);

    private static bool Later(KeptIncident a, KeptIncident b) =>
        a.OccurredAt > b.OccurredAt || (a.OccurredAt == b.OccurredAt && string.CompareOrdinal(a.EventId, b.EventId) > 0);

    public IncidentBookSnapshot ToSnapshot() => new([.. _incidents], [.. _duplicates.Entries.Select(e => new RememberedEventId(e.At, e.Id))], _newest);

    public void Restore(IncidentBookSnapshot s)
    {
        _incidents.Clear();
        _incidents.AddRange(s.Incidents);
        _newest = s.Newest;
        _duplicates.Restore(s.Ids.Select(i => (i.At, i.Id)));
    }
}

/// <summary>An incident as kept: what a citation needs (its text is not kept).</summary>
public sealed record KeptIncident(string EventId, DateTimeOffset OccurredAt, string IncidentType, double? Magnitude, DateTimeOffset? EndedAt);
