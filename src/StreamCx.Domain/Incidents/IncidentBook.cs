using StreamCx.Domain.Contracts;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// One site's operational incidents, in event order: each id taken once while its incident is kept, at most
/// <see cref="MaxKept"/> (the latest kept), and those before a time forgotten when the owner says so
/// (<see cref="ForgetBefore"/>: the listening sources <see cref="Retention"/> before the newest incident, which they take in
/// event order; a site <see cref="Retention"/> before the feedback it evaluates, as incidents may reach it ahead of its
/// feedback). What is cited is then the same however far ahead the incidents came.
/// </summary>
public sealed class IncidentBook
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    public const int MaxKept = 2000;

    private readonly List<KeptIncident> _incidents = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public IReadOnlyList<KeptIncident> Incidents => _incidents;

    /// <summary>
    /// The latest time of an incident kept (<see cref="DateTimeOffset.MinValue"/> when none): the latest taken, as neither the
    /// bound nor <see cref="ForgetBefore"/> at its owners' cutoffs ever drops the newest.
    /// </summary>
    public DateTimeOffset Newest => _incidents.Count == 0 ? DateTimeOffset.MinValue : _incidents[^1].OccurredAt;

    /// <summary>Takes one incident; false for one whose id is kept already.</summary>
    public bool Add(Incident i)
    {
        if (!_ids.Add(i.EventId)) return false;
        var kept = new KeptIncident(i.EventId, i.OccurredAt, i.IncidentType, i.Magnitude, i.EndedAt);
        var at = _incidents.Count;
        while (at > 0 && Later(_incidents[at - 1], kept)) at--;
        _incidents.Insert(at, kept);
        if (_incidents.Count > MaxKept) RemoveFirst(_incidents.Count - MaxKept);
        return true;
    }

    /// <summary>Forgets the incidents that started before <paramref name="cutoff"/>.</summary>
    public void ForgetBefore(DateTimeOffset cutoff)
    {
        var drop = 0;
        while (drop < _incidents.Count && _incidents[drop].OccurredAt < cutoff) drop++;
        RemoveFirst(drop);
    }

    /// <summary>The incidents that started in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IEnumerable<KeptIncident> Between(DateTimeOffset from, DateTimeOffset to) =>
        _incidents.Where(i => i.OccurredAt >= from && i.OccurredAt <= to);

    private void RemoveFirst(int count)
    {
        if (count <= 0) return;
        for (var k = 0; k < count; k++) _ids.Remove(_incidents[k].EventId);
        _incidents.RemoveRange(0, count);
    }

    private static bool Later(KeptIncident a, KeptIncident b) =>
        a.OccurredAt > b.OccurredAt || (a.OccurredAt == b.OccurredAt && string.CompareOrdinal(a.EventId, b.EventId) > 0);

    public IncidentBookSnapshot ToSnapshot() => new([.. _incidents]);

    public void Restore(IncidentBookSnapshot s)
    {
        _incidents.Clear();
        _ids.Clear();
        _incidents.AddRange(s.Incidents);
        _ids.UnionWith(s.Incidents.Select(i => i.EventId));
    }
}

/// <summary>An incident as kept: what a citation needs (its text is not kept).</summary>
public sealed record KeptIncident(string EventId, DateTimeOffset OccurredAt, string IncidentType, double? Magnitude, DateTimeOffset? EndedAt);
