using System.Globalization;
using System.Text;
using StreamCx.Domain.Detection;
using StreamCx.Perf.Detection.Scenario;

namespace StreamCx.Perf.Detection.Scoring;

/// <summary>
/// Runs every combination of a grid of knob values over the same seeds (scenarios generated once) and prints one row per
/// combination: recall, false opens per 1,000 site-attribute-days (worst seed too), median hours to detect a fast
/// irritant (and how many by 2 h), sparse-step recall, slow drifts caught before 60 % of their ramp, and how many of the fast irritants whose
/// information bound reaches TrendZ by 2 h are found by then. Recall is over site irritants (not region-
/// or network-wide moves).
/// </summary>
public static class Calibration
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="grid">"Knob=v1,v2;Other=w1,w2".</param>
    public static string Run(DetectionSettings baseline, string grid, IReadOnlyList<int> seeds)
    {
        var axes = grid.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => (Name: a[..a.IndexOf('=')], Values: a[(a.IndexOf('=') + 1)..].Split(',')))
            .ToList();
        var scenarios = seeds.Select(ScenarioGenerator.Generate).ToList();
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"| {string.Join(" | ", axes.Select(a => a.Name))} | recall | false opens / 1,000 SA-days (worst seed) | false alarms notified at top level / 1,000 (worst seed) | fast: median h (≤ 2 h) | sparse-step recall | slow before 60 % of ramp | fast with bound ≥ TrendZ at 2 h: found by 2 h | region-wide / network-wide: sites named | sites named by region groups where nothing moved |");
        sb.AppendLine($"|{string.Concat(Enumerable.Repeat("---|", axes.Count + 9))}");
        foreach (var combination in Combinations(axes, 0))
        {
            var settings = combination.Aggregate(baseline, (s, kv) => Knobs.Set(s, $"{kv.Name}={kv.Value}"));
            var results = scenarios.Select(sc => Scorer.Score(sc, settings)).ToList();
            var all = results.SelectMany(r => r.Detections).Where(d => d.Kind is not ("region-wide" or "network-wide")).ToList();
            var fast = all.Where(d => d.Kind == "fast" && d.Detected).Select(d => d.HoursToDetect).Order().ToArray();
            var sparse = all.Where(d => d.Kind == "sparse-step").ToList();
            var slow = all.Where(d => d.Kind is "slow-24h" or "slow-48h").ToList();
            var rate = 1000.0 * results.Sum(r => r.FalseOpens.Count) / results.Sum(r => r.SiteAttributeDays);
            var worst = results.Max(r => 1000.0 * r.FalseOpens.Count / r.SiteAttributeDays);
            var notified = 1000.0 * results.Sum(r => r.FalseNotified) / results.Sum(r => r.SiteAttributeDays);
            var worstNotified = results.Max(r => 1000.0 * r.FalseNotified / r.SiteAttributeDays);
            var above = all.Where(d => d.Kind == "fast" && d.BoundZ >= settings.TrendZ).ToList();
            var moves = results.SelectMany(r => r.Detections).Where(d => d.Kind is "region-wide" or "network-wide").ToLookup(d => d.Kind);
            string Named(string kind) => $"{moves[kind].Count(d => d.Detected)}/{moves[kind].Count()}";
            var line = $"| {string.Join(" | ", combination.Select(c => c.Value))} | {(double)all.Count(d => d.Detected) / all.Count:0.00} | {rate:0.00} ({worst:0.00}) | {notified:0.00} ({worstNotified:0.00}) | {Report.Median(fast):0.00} ({fast.Count(h => h <= 2)}/{fast.Length}) | {(double)sparse.Count(d => d.Detected) / sparse.Count:0.00} | {slow.Count(d => d.Detected && d.RampFraction < 0.6)}/{slow.Count} | {above.Count(d => d.Detected && d.HoursToDetect <= 2)}/{above.Count} | {Named("region-wide")} / {Named("network-wide")} | {results.Sum(r => r.Naming.WhereNothingMoved)} of {results.Sum(r => r.Naming.Named)} |";
            Console.Error.WriteLine(line);
            sb.AppendLine(line);
        }
        return sb.ToString();
    }

    private static IEnumerable<List<(string Name, string Value)>> Combinations(List<(string Name, string[] Values)> axes, int at)
    {
        if (at == axes.Count) { yield return []; yield break; }
        foreach (var v in axes[at].Values)
            foreach (var rest in Combinations(axes, at + 1))
                yield return [(axes[at].Name, v), .. rest];
    }
}
