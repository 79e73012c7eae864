using System.Globalization;
using System.Text;

namespace StreamCx.Perf.EndToEnd;

/// <summary>The table of <c>--surge</c>: a row per seed and surge, then each surge's medians against the targets.</summary>
public static class SurgeReport
{
    public static string Markdown(IReadOnlyList<SurgeRow> rows, TimeSpan pace, LivePace livePace)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var dated = livePace == LivePace.Real
            ? "each dated the wall clock of its produce (`--live-pace real`: the script's last 3¾ h compressed into the live phase, so onset → raisedAt is not the script's event time)"
            : "dated as scripted (event time about 250 × the wall clock)";
        text.AppendLine(inv, $"Live phase: one message every {pace.TotalMilliseconds:0} ms in event order, {dated}; the engine's own Kafka settings (librdkafka defaults: fetch.wait.max.ms 500) unless set otherwise on the command line; the alerts read back with fetch.wait.max.ms 10.");
        text.AppendLine();
        text.AppendLine("| seed | surge | site | onset (event time, UTC) | alert raisedAt | onset → raisedAt (event time, min) | its messages by then | tipping message produced → alert emittedAt (ms) | → alert read from the alerts topic (ms) | opened before onset | load average (live phase) |");
        text.AppendLine("|---:|---|---|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
            text.AppendLine(inv, $"| {r.Seed} | {r.What} | {r.SiteId} | {r.Onset:yyyy-MM-dd HH:mm:ss} | {(r.RaisedAt is { } at ? at.ToString("HH:mm:ss", inv) : "none")} | {Minutes(r.EventTime)} | {r.MessagesByThen} | {Ms(r.ProduceToEmitted)} | {Ms(r.ProduceToRead)} | {r.OpenedBeforeOnset} | {r.Load} |");
        foreach (var group in rows.GroupBy(r => r.What))
        {
            double Median(Func<SurgeRow, TimeSpan?> f, Func<TimeSpan, double> unit) => Stats.Median(group.Select(f).OfType<TimeSpan>().Select(unit));
            var found = group.Count(r => r.RaisedAt is not null);
            text.AppendLine(inv, $"| **median** | {group.Key} | {found} of {group.Count()} alerted | | | **{Median(r => r.EventTime, t => t.TotalMinutes):0.0}** | | **{Median(r => r.ProduceToEmitted, t => t.TotalMilliseconds):0}** | {Median(r => r.ProduceToRead, t => t.TotalMilliseconds):0} | | |");
        }
        text.AppendLine();
        text.AppendLine("Targets (issue 15): a social acceleration within 30 min of event time of its onset, and within 1 s of wall clock of the tipping mention being consumed "
            + "(produce → emittedAt above is an upper bound of consumed → emitted: it adds the produce and the intake's fetch).");
        return text.ToString();
    }

    private static string Minutes(TimeSpan? t) => t is { } v ? v.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Ms(TimeSpan? t) => t is { } v ? v.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) : "—";
}
