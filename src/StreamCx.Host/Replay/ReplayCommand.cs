using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Host.Configuration;

namespace StreamCx.Host.Replay;

/// <summary>
/// <c>replay</c>: a file of feedback events (JSON lines) through the same domain pipeline as the live engine, in
/// event-time order and deterministic (regions in parallel, <see cref="RegionalReplay"/>); every alert emission written
/// as one JSON line.
/// </summary>
public static class ReplayCommand
{
    public static int Run(StreamCxConfiguration config, string input, string output, TextWriter console, TimeProvider clock)
    {
        var stopwatch = Stopwatch.StartNew();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var parser = new FeedbackParser(config.Catalog, config.Parser, clock);
        var summary = new ReplaySummary();
        var lines = ReplayInput.ReadLines(input).ToList();
        summary.LinesRead = lines.Count;
        // Parsing is independent per line: all cores; the outcomes stay in line order.
        var outcomes = new ParseOutcome[lines.Count];
        Parallel.ForEach(Partitioner.Create(0, lines.Count, 4096), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) outcomes[i] = parser.Parse(lines[i].Bytes);
        });
        var events = new List<(FeedbackEvent Event, long Line)>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (outcomes[i].Event is { } e) events.Add((e, lines[i].Line));
            else summary.Reject(lines[i].Line, outcomes[i].Rejection!);
        }
        summary.Valid = events.Count;
        lines.Clear(); // the raw bytes are no longer needed
        // Event-time order; ties keep file order, so the same file always replays the same way.
        events.Sort((a, b) => a.Event.OccurredAt != b.Event.OccurredAt ? a.Event.OccurredAt.CompareTo(b.Event.OccurredAt) : a.Line.CompareTo(b.Line));

        var (alertsByEvent, counters) = RegionalReplay.Run(events.ConvertAll(x => x.Event), config.Catalog, config.Detection, clock);
        using (var writer = new StreamWriter(output, append: false, new UTF8Encoding(false)))
        {
            foreach (var alerts in alertsByEvent)
            {
                foreach (var alert in alerts)
                {
                    writer.WriteLine(ContractJson.Serialize(alert));
                    summary.Count(alert);
                }
            }
        }
        summary.Elapsed = stopwatch.Elapsed;
        summary.AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedBefore;
        summary.Collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3);
        summary.Write(console, counters);
        return 0;
    }
}
