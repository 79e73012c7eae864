using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Simulation;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// The demo's listening story for one seed, ending a few hours before now: <see cref="ListeningSimulator"/> at its everyday
/// rates from five days before the irritant (complaints, incidents, staff reports, mentions of the sites and the brand), its
/// long-wait complaint surge at <see cref="Site"/> from <see cref="SurgeStart"/> and its burst of negative posts there from
/// <see cref="BurstStart"/> (14, about three minutes apart), beside the demo's feedback (<see cref="ChannelSimulator"/>, its
/// waiting-time irritant at the same site from the same time) at <see cref="FeedbackPerSitePerHour"/> a site an hour.
/// <see cref="Baseline"/> is everything up to <see cref="LiveLead"/> before the surge, <see cref="Live"/> the rest, in event order.
/// </summary>
public sealed record SurgeScript(Site Site, DateTimeOffset SurgeStart, DateTimeOffset BurstStart, IReadOnlyList<SimulatedMessage> Baseline, IReadOnlyList<SimulatedMessage> Live)
{
    public const double FeedbackPerSitePerHour = 1;
    public static readonly TimeSpan LiveLead = TimeSpan.FromMinutes(15);

    /// <summary>How long after the surge's start the script ends: past the burst (2 h 15 min to about 2 h 57 min).</summary>
    public static readonly TimeSpan After = TimeSpan.FromHours(3.5);

    /// <summary>How long before <c>now</c> the script ends.</summary>
    private static readonly TimeSpan EndsBeforeNow = TimeSpan.FromMinutes(10);

    /// <summary>How far before <c>now</c> (to the minute) <see cref="Live"/> starts: a script made for now + this has its baseline end now.</summary>
    public static TimeSpan LiveSpan => After + EndsBeforeNow + LiveLead;

    public static SurgeScript Create(ReferenceCatalog catalog, int seed, DateTimeOffset now)
    {
        var t0 = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero) - After - EndsBeforeNow;
        var channels = new ChannelSimulator(catalog, seed, t0);
        var listening = new ListeningSimulator(catalog, new SimulatorSettings { Seed = seed }, channels, t0);
        var end = t0 + After;
        var messages = listening.Until(end).ToList();
        var rnd = new Random(seed);
        var step = TimeSpan.FromHours(1 / (FeedbackPerSitePerHour * catalog.Sites.Count));
        var i = 0;
        for (var at = listening.From; at < end; at += step)
        {
            var site = catalog.Sites[rnd.Next(catalog.Sites.Count)];
            messages.Add(new SimulatedMessage(at, $"f{i++}", site.SiteId, channels.Next(site, at)));
        }
        messages.Sort(SimulatedMessage.EventOrder);
        var liveFrom = t0 - LiveLead;
        return new SurgeScript(listening.Site, listening.SurgeStart, listening.BurstStart, [.. messages.Where(m => m.At < liveFrom)], [.. messages.Where(m => m.At >= liveFrom)]);
    }

    /// <summary>The live messages of <paramref name="type"/> at <see cref="Site"/> from <paramref name="from"/> on: the burst's posts, the surge's complaints.</summary>
    public IReadOnlyList<SimulatedMessage> AtSite(string type, DateTimeOffset from) =>
        [.. Live.Where(m => m.Key == Site.SiteId && m.At >= from && MixStats.TypeOf(m.Value) == type)];

    public static string SocialType => ListeningTypes.SocialMention;

    public static string ComplaintType => ListeningTypes.Complaint;
}
