using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Service;

/// <summary>
/// Service figures as context (pure): per site and channel, from the feedback that carries them — first-contact resolution
/// rate, mean handling time (AHT), contacts per resolution — beside what customers say: NPS and CSAT when the contact was
/// resolved at the first contact and when it was not, and the correlation of handling time with CSAT (what matters to
/// customers against what is measured). Sums only, so the order feedback comes in does not change them; since the start
/// (no window yet). Channels per site are bounded (<see cref="MaxChannelsPerSite"/>; more count under <c>(other)</c>).
/// </summary>
public sealed class ServiceKpis(ReferenceCatalog catalog)
{
    public const int MaxChannelsPerSite = 32;

    private readonly Dictionary<(string Site, string Channel), ServiceSums> _sums = new();
    private readonly Dictionary<string, int> _channelsPerSite = new(StringComparer.Ordinal);

    public void Observe(FeedbackEvent e)
    {
        if (e.HandlingSeconds is null && e.FirstContactResolution is null && e.ContactCount is null) return;
        Sums(e.SiteId, e.Channel).Add(e);
    }

    /// <summary>The rows of a site, or of every site of a region (null: every site), by site then channel.</summary>
    public IReadOnlyList<ServiceView> Of(string? regionId, string? siteId) =>
    [
        .. InOrder().Where(kv => (siteId is null || kv.Key.Site == siteId)
                                 && (regionId is null || (catalog.TryGetSite(kv.Key.Site, out var s) && s.RegionId == regionId)))
            .Select(kv => kv.Value.View(kv.Key.Site, kv.Key.Channel)),
    ];

    /// <summary>The sums of every site and channel, as plain data.</summary>
    public ServiceKpisSnapshot Capture() => new([.. InOrder().Select(kv => kv.Value.ToSnapshot(kv.Key.Site, kv.Key.Channel))]);

    /// <summary>Puts back what <see cref="Capture"/> took, in place of what it holds.</summary>
    public void Restore(ServiceKpisSnapshot snapshot)
    {
        _sums.Clear();
        _channelsPerSite.Clear();
        foreach (var sums in snapshot.Sums)
        {
            _sums[(sums.SiteId, sums.Channel)] = ServiceSums.From(sums);
            _channelsPerSite[sums.SiteId] = _channelsPerSite.GetValueOrDefault(sums.SiteId) + 1;
        }
    }

    /// <summary>By site, then channel.</summary>
    private IEnumerable<KeyValuePair<(string Site, string Channel), ServiceSums>> InOrder() =>
        _sums.OrderBy(kv => kv.Key.Site, StringComparer.Ordinal).ThenBy(kv => kv.Key.Channel, StringComparer.Ordinal);

    private ServiceSums Sums(string site, string channel)
    {
        if (_sums.TryGetValue((site, channel), out var sums)) return sums;
        var n = _channelsPerSite.GetValueOrDefault(site);
        if (n >= MaxChannelsPerSite && channel != "(other)") return Sums(site, "(other)");
        _channelsPerSite[site] = n + 1;
        return _sums[(site, channel)] = new ServiceSums();
    }
}

/// <summary>One site and channel's service figures beside NPS and CSAT; null where nothing was measured.</summary>
public sealed record ServiceView(
    string SiteId, string Channel, long Responses,
    double? FirstContactResolutionRate, double? MeanHandlingSeconds, double? ContactsPerResolution,
    double? NpsResolvedFirst, double? NpsNotResolvedFirst, double? CsatResolvedFirst, double? CsatNotResolvedFirst,
    double? HandlingTimeCsatCorrelation);
