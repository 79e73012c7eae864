using System.Globalization;
using System.Text;

namespace StreamCx.Perf.Detection.Scoring;

/// <summary>The benchmark's markdown tables over all seeds: detection per kind, false opens by context, grouped moves, importance pair.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="threshold">The z the detectors' own statistics must reach (<c>DetectionSettings.TrendZ</c>): the bound
    /// an irritant's data must hold by the deadline for the detectors to be able to find it by then.</param>
    /// <summary>Found by the targets' deadline: a fast irritant within 2 h of its onset, a slow one before 60 % of its ramp.</summary>
    private static bool ByTheDeadline(Detection d) => d.Detected && (d.Kind == "fast" ? d.HoursToDetect <= 2 : d.RampFraction < 0.6);

    public static string Write(string label, IReadOnlyList<SeedResult> seeds, double threshold = 5.5)
    {
        var sb = new StringBuilder();
        var events = seeds.Sum(s => s.Events);
        sb.AppendLine(Inv, $"### {label}: seeds {string.Join(", ", seeds.Select(s => s.Seed))} ({events:N0} events, {seeds.Sum(s => s.ProcessSeconds):0.0} s in FeedbackProcessor)");
        sb.AppendLine();
        sb.AppendLine("| kind | irritants | detected | recall | median h to detect | median % of ramp at detection | before 60 % of ramp |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var all = seeds.SelectMany(s => s.Detections).ToList();
        foreach (var g in all.GroupBy(d => d.Kind).OrderBy(g => Order(g.Key)))
        {
            var found = g.Where(d => d.Detected).ToList();
            var ramped = g.Key is "slow-24h" or "slow-48h" or "peer-only";
            var median = found.Count == 0 ? "–" : F(Median(found.Select(d => d.HoursToDetect)));
            var ramp = ramped && found.Count > 0 ? F(100 * Median(found.Select(d => d.RampFraction)), "0") : "";
            var early = ramped ? $"{g.Count(d => d.Detected && d.RampFraction < 0.6)}/{g.Count()}" : "";
            sb.AppendLine(Inv, $"| {g.Key} | {g.Count()} | {found.Count} | {F((double)found.Count / g.Count(), "0.00")} | {median} | {ramp} | {early} |");
        }
        var site = all.Where(d => !IsGroupMove(d.Kind)).ToList();
        var detected = site.Count(d => d.Detected);
        sb.AppendLine(Inv, $"| **all site irritants** (not region-/network-wide) | {site.Count} | {detected} | **{F((double)detected / site.Count, "0.00")}** | {F(Median(site.Where(d => d.Detected).Select(d => d.HoursToDetect)))} | | |");
        sb.AppendLine();
        sb.AppendLine("What the data hold by the targets' deadline (2 h after a fast onset, 60 % of a slow ramp), whatever the detector: the expected z of the");
        sb.AppendLine("matched filter that knows the onset, shape and size (InformationBound); a detector that knows none of them needs about 5.");
        sb.AppendLine();
        sb.AppendLine("| kind | irritants | bound z: median (min–max) | bound z ≥ 4 | bound z ≥ 5 | detected by the deadline |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|");
        foreach (var g in all.Where(d => !double.IsNaN(d.BoundZ)).GroupBy(d => d.Kind).OrderBy(g => Order(g.Key)))
        {
            var z = g.Select(d => d.BoundZ).ToList();
            var inTime = g.Count(ByTheDeadline);
            sb.AppendLine(Inv, $"| {g.Key} | {g.Count()} | {F(Median(z), "0.0")} ({F(z.Min(), "0.0")}–{F(z.Max(), "0.0")}) | {z.Count(v => v >= 4)} | {z.Count(v => v >= 5)} | {inTime} |");
        }
        sb.AppendLine();
        sb.AppendLine(Inv, $"Per seed ({string.Join(", ", seeds.Select(s => s.Seed))}): irritants whose bound reaches the detectors' threshold (z ≥ {F(threshold)}, `TrendZ`; the");
        sb.AppendLine("step test's 14 at k 0.5 is z ≥ 5.3 at best) by the deadline, how many of those are found by then, and how many are found by then in all;");
        sb.AppendLine("\"late above the bound\" are those whose data held the threshold by the deadline but were found after it (or never).");
        sb.AppendLine();
        sb.AppendLine(Inv, $"| kind | irritants per seed | bound ≥ {F(threshold)} per seed | of those, found by the deadline | found by the deadline, all | late above the bound |");
        sb.AppendLine("|---|---|---|---|---|---:|");
        foreach (var kind in all.Where(d => !double.IsNaN(d.BoundZ)).Select(d => d.Kind).Distinct().OrderBy(Order))
        {
            var ofSeed = seeds.Select(s => s.Detections.Where(d => d.Kind == kind && !double.IsNaN(d.BoundZ)).ToList()).ToList();
            string PerSeed(Func<List<Detection>, int> count) => $"{string.Join(", ", ofSeed.Select(count))} ({ofSeed.Sum(count)})";
            sb.AppendLine(Inv, $"| {kind} | {PerSeed(l => l.Count)} | {PerSeed(l => l.Count(d => d.BoundZ >= threshold))} | {PerSeed(l => l.Count(d => d.BoundZ >= threshold && ByTheDeadline(d)))} | {PerSeed(l => l.Count(ByTheDeadline))} | {ofSeed.Sum(l => l.Count(d => d.BoundZ >= threshold && !ByTheDeadline(d)))} |");
        }
        sb.AppendLine();

        var days = seeds.Sum(s => s.SiteAttributeDays);
        var falseOpens = seeds.SelectMany(s => s.FalseOpens).ToList();
        var perSeed = seeds.Select(s => 1000 * s.FalseOpens.Count / s.SiteAttributeDays).ToList();
        sb.AppendLine(Inv, $"False opens: **{falseOpens.Count}** over {days:N0} site-attribute-days = **{F(1000 * falseOpens.Count / days)} per 1,000 site-attribute-days** (per seed {string.Join(", ", perSeed.Select(p => F(p)))}).");
        sb.AppendLine();
        sb.AppendLine("| false opens during | count | per 1,000 site-attribute-days |");
        sb.AppendLine("|---|---:|---:|");
        foreach (var g in falseOpens.GroupBy(f => f.Context).OrderByDescending(g => g.Count()))
            sb.AppendLine(Inv, $"| {g.Key} | {g.Count()} | {F(1000 * g.Count() / days)} |");
        var groups = seeds.SelectMany(s => s.Groups).ToList();
        var foldedOpens = falseOpens.Count(f => f.Folded);
        var falseGroups = groups.Count(g => g.TopLevel && !g.DuringMove);
        var notified = seeds.Sum(s => s.FalseNotified);
        sb.AppendLine();
        sb.AppendLine(Inv, $"Of these, {foldedOpens} were notified before a group formed and are folded under it (the page shows them inside the group). "
            + $"False alarms at the top of the page: {falseOpens.Count - foldedOpens} site alerts + {falseGroups} grouped alerts outside every labelled move = "
            + $"**{F(1000 * notified / days)} per 1,000 site-attribute-days** (per seed {string.Join(", ", seeds.Select(s => F(1000 * s.FalseNotified / s.SiteAttributeDays)))}).");
        sb.AppendLine();
        sb.AppendLine("| grouped alerts opened, during | scope | at the top of the page | folded under a network group | sites named (median) |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        foreach (var g in groups.GroupBy(g => (g.Context, g.Scope)).OrderBy(g => g.Key.Context, StringComparer.Ordinal).ThenBy(g => g.Key.Scope, StringComparer.Ordinal))
            sb.AppendLine(Inv, $"| {g.Key.Context} | {g.Key.Scope} | {g.Count(x => x.TopLevel)} | {g.Count(x => !x.TopLevel)} | {Median(g.Select(x => (double)x.Sites))} |");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Sites named by region groups (each group's first naming of a site): {seeds.Sum(s => s.Naming.Named)}; where nothing moved (no irritant, usual pattern, holiday, promotion or closure there then): **{seeds.Sum(s => s.Naming.WhereNothingMoved)}**.");
        sb.AppendLine();
        sb.AppendLine("| false opens by factor | count |");
        sb.AppendLine("|---|---:|");
        foreach (var g in falseOpens.GroupBy(f => f.Factors).OrderByDescending(g => g.Count()))
            sb.AppendLine(Inv, $"| {g.Key} | {g.Count()} |");
        if (Environment.GetEnvironmentVariable("DETECTION_BENCH_LIST") is "1")
        {
            foreach (var f in falseOpens) sb.AppendLine(Inv, $"- {f.RaisedAt:yyyy-MM-dd HH:mm zzz} {f.SiteId}/{f.AttributeId} (peak {f.PeakRate}/h) [{f.Context}]{(f.Folded ? " (folded)" : "")} {f.Explanation}");
            foreach (var g in groups.Where(g => g.TopLevel && !g.DuringMove)) sb.AppendLine(Inv, $"- group {g.Scope} {g.RaisedAt:yyyy-MM-dd HH:mm zzz} {g.AttributeId} {g.Sites} sites [{g.Context}]");
            foreach (var s in seeds)
                foreach (var d in s.Detections.Where(d => !IsGroupMove(d.Kind) || Environment.GetEnvironmentVariable("DETECTION_BENCH_LIST_MOVES") is "1").OrderBy(d => Order(d.Kind)))
                    sb.AppendLine(Inv, $"- {(d.Detected ? $"{F(d.HoursToDetect)} h ({F(100 * d.RampFraction, "0")} %)" : "missed")} (seed {s.Seed}) {d.Kind} {d.SiteId}/{d.AttributeId}: {d.Note}{(double.IsNaN(d.BoundZ) ? "" : $", bound z {F(d.BoundZ, "0.0")}")}");
        }
        var burst = seeds.Select(s => MaxInHour(s.FalseOpens)).Max();
        sb.AppendLine();
        sb.AppendLine(Inv, $"Largest burst of false opens within one hour (one seed): {burst}.");
        sb.AppendLine();

        sb.AppendLine("Region- and network-wide moves are a group's irritant: the wanted outcome is one grouped alert at the top of the page (plus");
        sb.AppendLine("site alerts only for sites worse than the group); the rows above count a site as detected when a site alert or a group names it.");
        sb.AppendLine();
        sb.AppendLine("| group move | sites in the group | site alerts opened (per seed) | grouped alerts at the top of the page (per seed) | region groups folded under them |");
        sb.AppendLine("|---|---:|---|---|---:|");
        foreach (var kind in new[] { "region-wide", "network-wide" })
        {
            var moves = seeds.SelectMany(s => s.SiteOpensPerGroupMove.Where(m => m.Key.StartsWith(kind, StringComparison.Ordinal)).Select(m => m.Value)).ToList();
            var size = all.Count(d => d.Kind == kind) / Math.Max(1, moves.Count);
            var context = $"{kind} move (labelled)";
            var top = seeds.Select(s => s.Groups.Count(g => g.Context == context && g.TopLevel));
            sb.AppendLine(Inv, $"| {kind} (unusual) | {size} | {string.Join(", ", moves)} | {string.Join(", ", top)} | {groups.Count(g => g.Context == context && !g.TopLevel)} |");
        }
        sb.AppendLine();
        var key = seeds.Select(s => s.Detections.FirstOrDefault(d => d.Kind == "importance-key")?.Severity ?? double.NaN).ToList();
        var minor = seeds.Select(s => s.Detections.FirstOrDefault(d => d.Kind == "importance-minor")?.Severity ?? double.NaN).ToList();
        sb.AppendLine(Inv, $"Importance pair (the same fall on the strongest driver and on a minor attribute), severity at detection per seed: key {string.Join(", ", key.Select(v => F(v)))}; minor {string.Join(", ", minor.Select(v => F(v)))}.");
        return sb.ToString();
    }

    private static bool IsGroupMove(string kind) => kind is "region-wide" or "network-wide";

    private static int MaxInHour(IReadOnlyList<FalseOpen> opens)
    {
        var times = opens.Select(o => o.RaisedAt.UtcTicks).Order().ToArray();
        var best = 0;
        for (int i = 0, j = 0; i < times.Length; i++)
        {
            while (times[i] - times[j] > TimeSpan.TicksPerHour) j++;
            best = Math.Max(best, i - j + 1);
        }
        return best;
    }

    private static int Order(string kind) => Array.IndexOf(
        ["fast", "sparse-step", "slow-24h", "slow-48h", "intermittent", "recurring", "peer-only", "region-wide", "network-wide", "importance-key", "importance-minor", "new-site"], kind);

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    private static string F(double v, string format = "0.0#") => double.IsNaN(v) ? "–" : v.ToString(format, Inv);
}
