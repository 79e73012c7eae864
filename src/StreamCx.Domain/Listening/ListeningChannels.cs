using StreamCx.Domain.Channels;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Service;

namespace StreamCx.Domain.Listening;

/// <summary>
/// The listening sources of the channels one engine holds (pure): one <see cref="ListeningProcessor"/> per channel, the
/// unit that is saved, handed over in a rebalance and restored whole. A channel carries whole regions (and the brand-wide
/// mentions go to one channel), and every listening state is kept by site, by region or brand-wide, so splitting the work by
/// channel gives the alerts one processor gives. The views merge what the channels hold.
/// </summary>
public sealed class ListeningChannels(ReferenceCatalog catalog, Func<ListeningProcessor> create) : ProcessorChannels<ListeningProcessor>(create)
{
    public ComplaintBoard Board(string? regionId, string? siteId, string? channel, int days) =>
        ComplaintBoard.Of(catalog, [.. Processors.SelectMany(p => p.Complaints.SitesOf(regionId, siteId))], channel, days);

    /// <summary>The negative staff reports board: per attribute or topic, by reporter role (as <c>ByChannel</c>) and by site.</summary>
    public ComplaintBoard StaffReports(string? regionId, string? siteId, string? role, int days) =>
        ComplaintBoard.Of([.. Processors.SelectMany(p => p.Internal.SitesOf(regionId, siteId))], role, days, new InternalReportWording(catalog).Describe);

    public IReadOnlyList<ServiceView> Service(string? regionId, string? siteId, int days = ServiceKpis.DefaultDays) =>
    [
        .. Processors.SelectMany(p => p.Service.Of(regionId, siteId, days))
            .OrderBy(v => v.SiteId, StringComparer.Ordinal).ThenBy(v => v.Channel, StringComparer.Ordinal),
    ];

    /// <summary>The indicators per channel and touchpoint of a site or of a region's sites (a region is held by one channel at most).</summary>
    public ChannelView Channels(string? regionId, string? siteId, int hours)
    {
        var views = Processors.Select(p => p.Channels.View(regionId, siteId, hours)).ToList();
        return views.FirstOrDefault(v => v.Indicators.Count > 0) ?? views.FirstOrDefault() ?? new ChannelView(hours, null, null, []);
    }
}
