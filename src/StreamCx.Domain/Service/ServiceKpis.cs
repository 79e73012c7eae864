using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Service;

/// <summary>
/// Service figures as context (pure): per site and channel, from the feedback that carries them — first-contact resolution
/// rate, mean handling time (AHT), contacts per resolution — beside what customers say: NPS and CSAT when the contact was
/// resolved at the first contact and when it was not, and the correlation of handling time with CSAT (what matters to
/// customers against what is measured). Sums per day of event time (UTC), so the order feedback comes in does not change
/// them; a view is over the last <c>days</c> of each site's own feedback with service figures (up to
/// <see cref="RetentionDays"/>, kept as long). Channels per site are bounded (<see cref="MaxChannelsPerSite"/>; more count
/// under <c>(other)</c>).
/// </summary>
public sealed class ServiceKpis(ReferenceCatalog catalog)
{
    public const int MaxChannelsPerSite = 32;
    public const int RetentionDays = 90;
    public const int DefaultDays = 30;

    private readonly Dictionary<(string Site, string Channel), SortedDictionary<long, ServiceSums>> _sums = new();
    private readonly Dictionary<string, int> _channelsPerSite = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _newestDay = new(StringComparer.Ordinal);

    public void Observe(FeedbackEvent e)
    {
        if (e.HandlingSeconds is null && e.FirstContactResolution is null && e.ContactCount is null) return;
        var day = e.OccurredAt.UtcTicks / TimeSpan.TicksPerDay;
        var days = Days(e.SiteId, e.Channel);
        if (!days.TryGetValue(day, out var sums)) days[day] = sums = new ServiceSums();
        sums.Add(e);
        if (day > _newestDay.GetValueOrDefault(e.SiteId, long.MinValue)) Newest(e.SiteId, day);
    }

    /// <summary>
    /// The rows of a site, or of every site of a region (null: every site), by site then channel, each over the last
    /// <paramref name="days"/> days (1 to <see cref="RetentionDays"/>) through its site's newest day with service figures.
    /// </summary>
    public IReadOnlyList<ServiceView> Of(string? regionId, string? siteId, int days = DefaultDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, RetentionDays);
        return
        [
            .. InOrder().Where(kv => (siteId is null || kv.Key.Site == siteId)
                                     && (regionId is null || (catalog.TryGetSite(kv.Key.Site, out var s) && s.RegionId == regionId)))
                .Select(kv =>
                {
                    var from = _newestDay[kv.Key.Site] - days + 1;
                    return ServiceSums.Over(kv.Value.Where(d => d.Key >= from).Select(d => d.Value)).View(kv.Key.Site, kv.Key.Channel);
                })
                .Where(v => v.Responses > 0),
        ];
    }

    /// <summary>The sums of every site, channel and day, as plain data.</summary>
    public ServiceKpisSnapshot Capture() =>
        new([.. InOrder().SelectMany(kv => kv.Value.Select(d => d.Value.ToSnapshot(kv.Key.Site, kv.Key.Channel) with { Day = d.Key }))]);

    /// <summary>Puts back what <see cref="Capture"/> took, in place of what it holds (sums of a snapshot written before days were kept are left out).</summary>
    public void Restore(ServiceKpisSnapshot snapshot)
    {
        _sums.Clear();
        _channelsPerSite.Clear();
        _newestDay.Clear();
        foreach (var sums in snapshot.Sums.Where(s => s.Day is not null))
        {
            Days(sums.SiteId, sums.Channel)[sums.Day!.Value] = ServiceSums.From(sums);
            if (sums.Day > _newestDay.GetValueOrDefault(sums.SiteId, long.MinValue)) _newestDay[sums.SiteId] = sums.Day.Value;
        }
    }

    /// <summary>By site, then channel.</summary>
    private IEnumerable<KeyValuePair<(string Site, string Channel), SortedDictionary<long, ServiceSums>>> InOrder() =>
        _sums.OrderBy(kv => kv.Key.Site, StringComparer.Ordinal).ThenBy(kv => kv.Key.Channel, StringComparer.Ordinal);

    /// <summary>A site's newest day moved: its days older than the retention are forgotten.</summary>
    private void Newest(string site, long day)
    {
        _newestDay[site] = day;
        foreach (var (_, days) in _sums.Where(kv => kv.Key.Site == site))
            while (days.Count > 0 && days.First().Key <= day - RetentionDays) days.Remove(days.First().Key);
    }

    private SortedDictionary<long, ServiceSums> Days(string site, string channel)
    {
        if (_sums.TryGetValue((site, channel), out var days)) return days;
        var n = _channelsPerSite.GetValueOrDefault(site);
        if (n >= MaxChannelsPerSite && channel != "(other)") return Days(site, "(other)");
        _channelsPerSite[site] = n + 1;
        return _sums[(site, channel)] = [];
    }
}

/// <summary>One site and channel's service figures beside NPS and CSAT; null where nothing was measured.</summary>
public sealed record ServiceView(
    string SiteId, string Channel, long Responses,
    double? FirstContactResolutionRate, double? MeanHandlingSeconds, double? ContactsPerResolution,
    double? NpsResolvedFirst, double? NpsNotResolvedFirst, double? CsatResolvedFirst, double? CsatNotResolvedFirst,
    double? HandlingTimeCsatCorrelation);
