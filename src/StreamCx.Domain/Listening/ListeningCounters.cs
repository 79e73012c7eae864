using StreamCx.Domain.Contracts;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Listening;

/// <summary>Messages of the listening sources taken in, by type, and those carrying an uncatalogued value, by catalog.</summary>
public sealed class ListeningCounters
{
    private readonly long[] _byType = new long[ListeningTypes.All.Count];
    private readonly long[] _flagged = new long[UncataloguedFlags.Count];

    public long Total => _byType.Sum();

    public long Of(string type) => ListeningTypes.All.IndexOf(type) is var i and >= 0 ? _byType[i] : 0;

    /// <summary>Messages whose <paramref name="flag"/> value was not in its catalog (kept as given, flagged).</summary>
    public long Uncatalogued(CatalogFlags flag) => UncataloguedFlags.IndexOf(flag) is var i and >= 0 ? _flagged[i] : 0;

    public void Count(ListeningEvent e)
    {
        _byType[ListeningTypes.All.IndexOf(e.Type)]++;
        for (var i = 0; i < UncataloguedFlags.Count; i++)
            if (e.Flags.HasFlag(UncataloguedFlags[i])) _flagged[i]++;
    }

    /// <summary>The counts as plain data: by type, and by catalog name (<see cref="CatalogName"/>).</summary>
    public ListeningCountersSnapshot Capture() => new(
        ListeningTypes.All.Select((type, i) => KeyValuePair.Create(type, _byType[i])).ToOrdinalDictionary(n => n),
        UncataloguedFlags.Select((flag, i) => KeyValuePair.Create(CatalogName(flag), _flagged[i])).ToOrdinalDictionary(n => n));

    /// <summary>Puts back what <see cref="Capture"/> took, in place of what it counted.</summary>
    public void Restore(ListeningCountersSnapshot snapshot)
    {
        for (var i = 0; i < _byType.Length; i++) _byType[i] = snapshot.ByType.GetValueOrDefault(ListeningTypes.All[i]);
        for (var i = 0; i < _flagged.Length; i++) _flagged[i] = snapshot.Uncatalogued.GetValueOrDefault(CatalogName(UncataloguedFlags[i]));
    }

    /// <summary>The catalog flags of the listening sources, and the name of each catalog (metrics label, summaries).</summary>
    public static IReadOnlyList<CatalogFlags> UncataloguedFlags { get; } =
        [CatalogFlags.UnknownReason, CatalogFlags.UnknownIncidentType, CatalogFlags.UnknownReporterRole, CatalogFlags.UnknownPlatform];

    public static string CatalogName(CatalogFlags flag) => flag switch
    {
        CatalogFlags.UnknownReason => "complaint_reason",
        CatalogFlags.UnknownIncidentType => "incident_type",
        CatalogFlags.UnknownReporterRole => "reporter_role",
        CatalogFlags.UnknownPlatform => "platform",
        CatalogFlags.UnknownDepartment => "department",
        CatalogFlags.UnknownRole => "contact_role",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };
}

file static class ListExtensions
{
    public static int IndexOf<T>(this IReadOnlyList<T> list, T value)
    {
        for (var i = 0; i < list.Count; i++)
            if (EqualityComparer<T>.Default.Equals(list[i], value)) return i;
        return -1;
    }
}
