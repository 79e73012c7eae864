using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Windows;

namespace StreamCx.Perf.Micro.Workload;

/// <summary>
/// One busy site-attribute (a store's "waiting-time", one rating a minute) after four days of data, so that every
/// hour of the daily profile is learned, with the peer values of the other sites of its region. The monitor's bucket
/// ring is private, so an identical ring is fed alongside it for the detectors.
/// </summary>
public sealed class WarmedAttribute
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan History = TimeSpan.FromDays(4);
    public static readonly TimeSpan Spacing = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan IrritantSpan = TimeSpan.FromHours(4);
    public const double IrritantDip = 1.6;
    public const int CommentEvery = 5;

    private WarmedAttribute(ReferenceCatalog catalog, DetectionSettings settings)
    {
        Settings = settings;
        Site = catalog.Sites[0];
        Attribute = catalog.Attribute("waiting-time");
        Monitor = new AttributeMonitor(Site, Attribute, settings);
        var clock = new BucketClock(settings.BucketWidth);
        Ring = new BucketRing(clock, clock.BucketsIn(settings.RingSpan));
        PeerCount = catalog.SitesIn(Site.RegionId).Count() - 1;
    }

    public DetectionSettings Settings { get; }

    public Site Site { get; }

    public AttributeDefinition Attribute { get; }

    public AttributeMonitor Monitor { get; }

    public BucketRing Ring { get; }

    public int PeerCount { get; }

    public double[] Peers { get; private set; } = [];

    public ImportanceFactor Importance { get; } = new(0.45, 2, 10);

    public DateTimeOffset Now => Monitor.NewestEventTime!.Value;

    public DateTimeOffset EmittedAt => Now.AddSeconds(2);

    public long Current => Ring.Newest;

    /// <summary>The recent window as the monitor reads it (one hour holds 60 responses here, so it is never stretched).</summary>
    public WindowStats Recent => Ring.Stats(Current - Ring.Clock.BucketsIn(Settings.RecentWindow) + 1, Current);

    public static WarmedAttribute Build(Scenario scenario, int seed = 42)
    {
        var w = new WarmedAttribute(RepoFiles.Catalog(), new DetectionSettings());
        var model = new RatingModel(seed);
        var end = Start + History;
        var irritantFrom = end - IrritantSpan;
        var i = 0;
        for (var t = Start; t < end; t += Spacing, i++)
        {
            var dip = scenario == Scenario.Irritant && t >= irritantFrom ? IrritantDip * ((t - irritantFrom) / IrritantSpan) : 0;
            var value = model.Rating(t, dip);
            var comment = i % CommentEvery == 0 ? Comments.Pick(i) : null;
            w.Monitor.Apply(new AttributeObservation(w.Attribute.AttributeId, $"evt-{i:D7}", t, "store", value, model.Nps(value), comment), Lateness.OnTime);
            w.Ring.Add(t, value, w.Attribute.IsDissatisfied(value));
        }
        if (!w.Monitor.Profile.IsFullyLearned)
            throw new InvalidOperationException($"the daily profile is not fully learned after {History.TotalDays} days");

        // the peers sit where this site was before the irritant: its 12 hours before the last four, give or take
        var clock = w.Ring.Clock;
        var before = w.Ring.Stats(w.Current - clock.BucketsIn(w.Settings.PeerWindow + IrritantSpan) + 1, w.Current - clock.BucketsIn(IrritantSpan));
        w.Peers = Enumerable.Range(0, w.PeerCount).Select(_ => Math.Round(before.Mean + (0.08 * model.Gaussian()), 3)).ToArray();
        return w;
    }
}
