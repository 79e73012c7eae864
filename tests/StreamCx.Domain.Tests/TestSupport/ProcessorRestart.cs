using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>A processor restarted as the engine restarts a region: every site's snapshot through JSON, its grouping and its share of the region's view.</summary>
public static class ProcessorRestart
{
    /// <summary>A fresh processor holding what <paramref name="running"/> held, restored site by site.</summary>
    public static FeedbackProcessor Restarted(FeedbackProcessor running, ReferenceCatalog catalog, Func<FeedbackProcessor> fresh)
    {
        var restarted = fresh();
        foreach (var site in catalog.Sites)
        {
            var (intake, attributes) = running.Capture(site.SiteId);
            restarted.Restore(site.SiteId, EngineSnapshotJson.RoundTrip(intake), attributes.ToDictionary(kv => kv.Key, kv => EngineSnapshotJson.RoundTrip(kv.Value)));
            restarted.RestoreGrouping(site.SiteId, EngineSnapshotJson.RoundTrip(running.GroupingOf(site.SiteId)));
        }
        foreach (var region in catalog.Sites.GroupBy(s => s.RegionId))
            restarted.RestoreView(region.Key, region.ToDictionary(s => s.SiteId, s => (ViewShare?)EngineSnapshotJson.RoundTrip(running.ViewShareOf(s.SiteId))));
        return restarted;
    }
}
