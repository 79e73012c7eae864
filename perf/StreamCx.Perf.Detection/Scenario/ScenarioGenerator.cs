using StreamCx.Domain.Contracts;

namespace StreamCx.Perf.Detection.Scenario;

/// <summary>One seed's labelled data set: the events in event-time order, the irritants injected, the usual episodes.</summary>
public sealed record LabelledScenario(
    int Seed, IReadOnlyList<BenchmarkSite> Sites, IReadOnlyList<FeedbackEvent> Events, IReadOnlyList<Irritant> Irritants, IReadOnlyList<UsualEpisode> Episodes);

/// <summary>
/// Generates a labelled scenario from a seed: Poisson arrivals per site and hour shaped by local opening hours,
/// integer ratings from a latent 1–5 level (site level + usual pattern + irritants + noise), NPS driven mostly by
/// waiting time and staff courtesy; holidays, promotions (volume × 3, satisfaction unchanged), closures and
/// reopenings, and every kind of irritant at sites of the volume it needs. One site opens on day 10 (a new site: its
/// region has learned its rhythm, it has not) and has an irritant on its second day.
/// </summary>
public static class ScenarioGenerator
{
    private const double Noise = 0.85; // per-response spread on the 1–5 latent scale

    public static LabelledScenario Generate(int seed)
    {
        var rnd = new Random(seed);
        var sites = ScenarioWorld.Sites(rnd);
        var start = ScenarioWorld.Start;
        var end = start.AddDays(ScenarioWorld.Days);
        var episodes = new List<UsualEpisode>();
        var volume = VolumeModifiers(rnd, sites, episodes);
        AddDstEpisodes(sites, start, end, episodes);
        var irritants = PlaceIrritants(rnd, sites, volume.Disturbed);
        var (newSite, opening) = OpenNewSite(seed, sites, volume.Disturbed, irritants, episodes);
        var bySiteAttribute = irritants.ToLookup(i => (i.SiteId, i.AttributeId));
        var levels = sites.ToDictionary(s => s.SiteId, _ => ScenarioWorld.Attributes.Select(_ => 4.0 + (0.15 * Gaussian(rnd))).ToArray());

        var events = new List<FeedbackEvent>();
        var n = 0;
        foreach (var site in sites)
        {
            var siteIrritants = ScenarioWorld.Attributes.Select(a => bySiteAttribute[(site.SiteId, a.AttributeId)].ToArray()).ToArray();
            for (var hour = start; hour < end; hour = hour.AddHours(1))
            {
                var local = TimeZoneInfo.ConvertTime(hour, site.Zone).DateTime;
                var rate = site.PeakRate * ScenarioWorld.Shape(local) * volume.Factor(site.SiteId, hour);
                var count = Poisson(rnd, rate);
                for (var k = 0; k < count; k++)
                {
                    var at = TimeZoneInfo.ConvertTime(hour.AddSeconds(Math.Floor(rnd.NextDouble() * 3600)), site.Zone);
                    events.Add(Response(rnd, site, levels[site.SiteId], siteIrritants, at, $"b{seed}-{n++}"));
                }
            }
        }
        events.RemoveAll(e => e.SiteId == newSite && e.OccurredAt < opening); // drawn as the others (the same random sequence), then left out
        events.Sort((a, b) => a.OccurredAt.UtcTicks != b.OccurredAt.UtcTicks ? a.OccurredAt.UtcTicks.CompareTo(b.OccurredAt.UtcTicks) : string.CompareOrdinal(a.EventId, b.EventId));
        return new LabelledScenario(seed, sites, events, irritants, episodes);
    }

    private static FeedbackEvent Response(Random rnd, BenchmarkSite site, double[] levels, Irritant[][] irritants, DateTimeOffset at, string id)
    {
        var ratings = new Dictionary<string, double>(ScenarioWorld.Attributes.Length, StringComparer.Ordinal);
        var nps = 7.0;
        for (var a = 0; a < ScenarioWorld.Attributes.Length; a++)
        {
            var attribute = ScenarioWorld.Attributes[a];
            var latent = levels[a] + ScenarioWorld.Usual(site, attribute.AttributeId, at.DateTime);
            foreach (var irritant in irritants[a]) latent += irritant.EffectAt(at);
            latent += Noise * Gaussian(rnd);
            nps += attribute.NpsWeight * (latent - 4);
            if (rnd.NextDouble() < 0.75) ratings[attribute.AttributeId] = attribute.ToScale(latent);
        }
        if (ratings.Count == 0) ratings[ScenarioWorld.Attributes[0].AttributeId] = ScenarioWorld.Attributes[0].ToScale(levels[0]);
        return new FeedbackEvent(id, at, site.SiteId, "store", ratings) { Nps = (int)Math.Clamp(Math.Round(nps + (1.2 * Gaussian(rnd))), 0, 10) };
    }

    /// <summary>
    /// A site of 10 responses an hour or more with no irritant of its own opens at local midnight on day 10; a step of 1.2
    /// points on one attribute follows on its second day, between 9 and 17 h. Drawn with a random sequence of its own, so
    /// that every other draw of the seed is what it was before the new site existed; the region-wide and network-wide moves
    /// before its opening are not its irritants (it had no responses then).
    /// </summary>
    private static (string SiteId, DateTimeOffset Opening) OpenNewSite(int seed, IReadOnlyList<BenchmarkSite> sites, HashSet<string> disturbed, List<Irritant> irritants, List<UsualEpisode> episodes)
    {
        var rnd = new Random(unchecked((seed * 7919) + 104729));
        var own = irritants.Where(i => i.Group is null).Select(i => i.SiteId).ToHashSet(StringComparer.Ordinal);
        var pool = sites.Where(s => s.PeakRate >= 10 && !disturbed.Contains(s.SiteId) && !own.Contains(s.SiteId)).OrderBy(s => s.SiteId, StringComparer.Ordinal).ToList();
        var site = pool[rnd.Next(pool.Count)];
        var day = ScenarioWorld.Start.AddDays(10);
        var opening = new DateTimeOffset(TimeZoneInfo.ConvertTime(day, site.Zone).Date, site.Zone.GetUtcOffset(TimeZoneInfo.ConvertTime(day, site.Zone).Date));
        irritants.RemoveAll(i => i.SiteId == site.SiteId && i.Onset < opening);
        var taken = irritants.Where(i => i.SiteId == site.SiteId).Select(i => i.AttributeId).ToHashSet(StringComparer.Ordinal);
        var attribute = ScenarioWorld.Attributes.Select(a => a.AttributeId).Where(a => !taken.Contains(a)).OrderBy(_ => rnd.Next()).First();
        var local = opening.DateTime.AddDays(1).AddHours(9 + rnd.Next(0, 9)).AddMinutes(rnd.Next(60));
        var onset = new DateTimeOffset(local, site.Zone.GetUtcOffset(local));
        irritants.Add(new Irritant("new-site", site.SiteId, attribute, onset, TimeSpan.FromMinutes(30), onset.AddHours(24), 1.2));
        episodes.Add(new UsualEpisode("new site, first 3 days", site.SiteId, null, opening, opening.AddDays(3)));
        return (site.SiteId, opening);
    }

    /// <summary>Holidays (closed or reduced days, per region), promotions (× 3 for 2 days), closures (3 days closed, then reopening).</summary>
    private static VolumePlan VolumeModifiers(Random rnd, IReadOnlyList<BenchmarkSite> sites, List<UsualEpisode> episodes)
    {
        var plan = new VolumePlan();
        var start = ScenarioWorld.Start;
        void Add(BenchmarkSite s, string category, DateTimeOffset from, DateTimeOffset to, double factor, TimeSpan after)
        {
            plan.Add(s.SiteId, from, to, factor);
            episodes.Add(new UsualEpisode(category, s.SiteId, null, from, to + after));
        }
        foreach (var s in sites)
        {
            var localMidnight = new DateTimeOffset(2026, 10, 28, 0, 0, 0, s.Zone.GetUtcOffset(new DateTime(2026, 10, 28)));
            if (s.RegionId is "paris" or "lyon") Add(s, "holiday", localMidnight, localMidnight.AddDays(1), 0, TimeSpan.FromHours(24));
            if (s.RegionId is "boston") Add(s, "holiday", localMidnight.AddDays(1), localMidnight.AddDays(2), 0.3, TimeSpan.FromHours(24));
        }
        foreach (var s in sites.OrderBy(_ => rnd.Next()).Take(5))
        {
            var day = start.AddDays(rnd.Next(5, ScenarioWorld.Days - 3));
            if (plan.Disturbed.Contains(s.SiteId)) continue;
            plan.Disturbed.Add(s.SiteId);
            if (rnd.Next(2) == 0) Add(s, "promotion", day, day.AddDays(2), 3, TimeSpan.FromHours(12));
            else Add(s, "closure-reopen", day, day.AddDays(3), 0, TimeSpan.FromHours(48));
        }
        return plan;
    }

    private static void AddDstEpisodes(IReadOnlyList<BenchmarkSite> sites, DateTimeOffset start, DateTimeOffset end, List<UsualEpisode> episodes)
    {
        foreach (var s in sites)
            for (var t = start; t < end; t = t.AddHours(1))
                if (s.Zone.GetUtcOffset(t) != s.Zone.GetUtcOffset(t.AddHours(1)))
                    episodes.Add(new UsualEpisode("dst", s.SiteId, null, t, t.AddHours(72)));
    }

    /// <summary>Every kind of irritant, at sites with the volume it is about, never two on one site-attribute.</summary>
    private static List<Irritant> PlaceIrritants(Random rnd, IReadOnlyList<BenchmarkSite> sites, HashSet<string> disturbed)
    {
        var list = new List<Irritant>();
        var used = new HashSet<(string, string)>();
        var start = ScenarioWorld.Start;
        var candidates = sites.Where(s => !disturbed.Contains(s.SiteId)).ToList();
        DateTimeOffset Onset(BenchmarkSite s, int lastDay)
        {
            // a weekday between 9 and 17 h local, after five days of learning
            while (true)
            {
                var day = start.AddDays(rnd.Next(5, lastDay));
                var local = TimeZoneInfo.ConvertTime(day, s.Zone).Date.AddHours(9 + rnd.Next(0, 9)).AddMinutes(rnd.Next(60));
                if (local.DayOfWeek is DayOfWeek.Sunday or DayOfWeek.Saturday) continue;
                return new DateTimeOffset(local, s.Zone.GetUtcOffset(local));
            }
        }
        void Place(string kind, int count, Func<BenchmarkSite, bool> fits, Func<BenchmarkSite, DateTimeOffset, Irritant> make)
        {
            for (var placed = 0; placed < count;)
            {
                var pool = candidates.Where(fits).ToList();
                var site = pool[rnd.Next(pool.Count)];
                var attribute = ScenarioWorld.Attributes[rnd.Next(ScenarioWorld.Attributes.Length)].AttributeId;
                var irritant = make(site, Onset(site, ScenarioWorld.Days - 5)) with { AttributeId = attribute };
                if (!used.Add((site.SiteId, attribute))) continue;
                list.Add(irritant);
                placed++;
            }
        }
        static Irritant Make(string kind, BenchmarkSite s, DateTimeOffset at, double rampHours, double lastsHours, double size) =>
            new(kind, s.SiteId, "", at, TimeSpan.FromHours(rampHours), at.AddHours(lastsHours), size);

        // unusual region-wide and network-wide moves: every site of the group, one attribute placed first, so no other irritant shares its site-attributes
        {
            var region = sites[rnd.Next(sites.Count)].RegionId;
            var members = sites.Where(s => s.RegionId == region).ToList();
            var attribute = ScenarioWorld.Attributes.Select(a => a.AttributeId).Where(a => members.All(s => !used.Contains((s.SiteId, a)))).OrderBy(_ => rnd.Next()).First();
            var at = Onset(members[0], ScenarioWorld.Days - 5);
            foreach (var s in members) { used.Add((s.SiteId, attribute)); list.Add(new Irritant("region-wide", s.SiteId, attribute, at, TimeSpan.FromHours(2), at.AddHours(24), 1.0, region)); }
        }
        {
            var attribute = ScenarioWorld.Attributes.Select(a => a.AttributeId).Where(a => sites.All(s => !used.Contains((s.SiteId, a)))).OrderBy(_ => rnd.Next()).FirstOrDefault();
            if (attribute is not null)
            {
                var at = Onset(sites[0], ScenarioWorld.Days - 5);
                foreach (var s in sites) list.Add(new Irritant("network-wide", s.SiteId, attribute, at, TimeSpan.FromHours(1), at.AddHours(12), 0.8, "network"));
            }
        }
        Place("fast", 6, s => s.PeakRate >= 15, (s, at) => Make("fast", s, at, rnd.NextDouble() * 4, 24, 1.0 + (0.4 * rnd.NextDouble())));
        Place("slow-24h", 3, s => s.PeakRate >= 6, (s, at) => Make("slow-24h", s, at, 24, 48, 1.2));
        Place("slow-48h", 3, s => s.PeakRate >= 6, (s, at) => Make("slow-48h", s, at, 48, 72, 1.2));
        Place("sparse-step", 3, s => s.PeakRate <= 3, (s, at) => Make("sparse-step", s, at, 0, 96, 1.6));
        Place("intermittent", 2, s => s.PeakRate >= 15, (s, at) => Make("intermittent", s, at, 0, 48, 1.5));
        Place("peer-only", 2, s => s.PeakRate >= 6, (s, at) => Make("peer-only", s, at, 96, 120, 1.1));
        // recurring: the same irritant three times, 6 h each, every other day
        for (var placed = 0; placed < 2;)
        {
            var site = candidates.Where(s => s.PeakRate >= 10).OrderBy(_ => rnd.Next()).First();
            var attribute = ScenarioWorld.Attributes[rnd.Next(ScenarioWorld.Attributes.Length)].AttributeId;
            if (!used.Add((site.SiteId, attribute))) continue;
            var first = Onset(site, ScenarioWorld.Days - 8);
            for (var k = 0; k < 3; k++) list.Add(new Irritant("recurring", site.SiteId, attribute, first.AddDays(2 * k), TimeSpan.FromMinutes(30), first.AddDays(2 * k).AddHours(6), 1.3));
            placed++;
        }
        // the importance pair: the same fall, same onset, on the strongest driver and on a minor attribute
        {
            var site = candidates.Where(s => s.PeakRate >= 15 && !used.Contains((s.SiteId, "waiting-time")) && !used.Contains((s.SiteId, "app-usability"))).OrderBy(_ => rnd.Next()).First();
            var at = Onset(site, ScenarioWorld.Days - 5);
            used.Add((site.SiteId, "waiting-time"));
            used.Add((site.SiteId, "app-usability"));
            list.Add(new Irritant("importance-key", site.SiteId, "waiting-time", at, TimeSpan.FromHours(1), at.AddHours(24), 1.0));
            list.Add(new Irritant("importance-minor", site.SiteId, "app-usability", at, TimeSpan.FromHours(1), at.AddHours(24), 1.0));
        }
        return list;
    }

    private static int Poisson(Random rnd, double lambda)
    {
        if (lambda <= 0) return 0;
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = rnd.NextDouble();
        while (p > limit) { k++; p *= rnd.NextDouble(); }
        return k;
    }

    private static double Gaussian(Random rnd) =>
        Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());

    /// <summary>Volume multipliers per site and time span.</summary>
    private sealed class VolumePlan
    {
        private readonly Dictionary<string, List<(DateTimeOffset From, DateTimeOffset To, double Factor)>> _spans = new(StringComparer.Ordinal);

        public HashSet<string> Disturbed { get; } = new(StringComparer.Ordinal);

        public void Add(string siteId, DateTimeOffset from, DateTimeOffset to, double factor)
        {
            if (!_spans.TryGetValue(siteId, out var list)) _spans[siteId] = list = [];
            list.Add((from, to, factor));
        }

        public double Factor(string siteId, DateTimeOffset at)
        {
            if (!_spans.TryGetValue(siteId, out var list)) return 1;
            var f = 1.0;
            foreach (var (from, to, factor) in list) if (at >= from && at < to) f *= factor;
            return f;
        }
    }
}
