using StreamCx.Domain.Contracts;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Social;

/// <summary>
/// Every scope's social mentions (each site, and the brand for mentions without a site) and their acceleration alerts
/// (pure). Fed in event order, each mention re-tests its scope and every open social alert of its region (so they resolve
/// as event time passes; the brand's by the brand's mentions); the same mentions give the same alerts in <c>replay</c> and
/// live, whatever regions the engine's processors hold.
/// </summary>
/// <param name="incidents">The incidents an alert cites (none when null).</param>
public sealed class SocialProcessor(ReferenceCatalog catalog, SocialSettings settings, TimeProvider clock, IncidentLookup? incidents = null)
{
    private readonly SortedDictionary<string, MentionSeries> _scopes = new(StringComparer.Ordinal);
    private readonly SocialAlerts _alerts = new(catalog, settings, clock, incidents);

    public long Applied { get; private set; }

    public long Duplicates { get; private set; }

    public MentionSeries? Scope(string scope) => _scopes.GetValueOrDefault(scope);

    public IEnumerable<MentionSeries> Scopes => _scopes.Values;

    /// <param name="irritantAt">The irritant already alerting at a site, if any (named in a <c>spreading</c> alert).</param>
    public IReadOnlyList<Alert> Process(SocialMention m, Func<string, string?> irritantAt)
    {
        var series = SeriesFor(m.SiteId ?? ListeningTypes.BrandWide);
        if (!series.Add(m))
        {
            Duplicates++;
            return [];
        }
        Applied++;
        var bucket = SparseCounts.BucketOf(m.OccurredAt, settings.BucketWidth);
        var alerts = new List<Alert>();
        Test(series, bucket, m.OccurredAt.UtcTicks, irritantAt, alerts);
        // the other open alerts of the region see time pass too (and may resolve): of its region only, never across regions nor
        // with the brand, so that a processor holding some regions raises what one holding all of them raises for those
        var region = RegionOf(series.Scope);
        foreach (var other in _scopes.Values)
            if (!ReferenceEquals(other, series) && other.Alert is { Resolved: false } && region is not null && RegionOf(other.Scope) == region)
                Test(other, bucket, m.OccurredAt.UtcTicks, irritantAt, alerts);
        return alerts;
    }

    private string? RegionOf(string scope) => catalog.TryGetSite(scope, out var site) ? site.RegionId : null;

    private void Test(MentionSeries series, long bucket, long atTicks, Func<string, string?> irritantAt, List<Alert> alerts)
    {
        var spreading = series.Scope == ListeningTypes.BrandWide ? null : irritantAt(series.Scope);
        _alerts.Evaluate(series, SocialAcceleration.Evaluate(series, bucket, settings), spreading, atTicks, alerts);
    }

    public MentionSeriesSnapshot Capture(string scope) => SeriesFor(scope).ToSnapshot();

    public void Restore(string scope, MentionSeriesSnapshot snapshot)
    {
        var series = _scopes[scope] = new MentionSeries(scope, settings);
        series.Restore(snapshot);
    }

    /// <summary>Every scope it knows (sites and the brand), with its counters, as plain data.</summary>
    public SocialProcessorSnapshot Capture() => new(_scopes.ToOrdinalDictionary(s => s.ToSnapshot()), Applied, Duplicates);

    /// <summary>Puts back what <see cref="Capture()"/> took, into a processor that has taken nothing yet.</summary>
    public void Restore(SocialProcessorSnapshot snapshot)
    {
        foreach (var (scope, series) in snapshot.Scopes) Restore(scope, series);
        (Applied, Duplicates) = (snapshot.Applied, snapshot.Duplicates);
    }

    private MentionSeries SeriesFor(string scope)
    {
        if (!_scopes.TryGetValue(scope, out var series)) _scopes[scope] = series = new MentionSeries(scope, settings);
        return series;
    }
}
