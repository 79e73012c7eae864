using System.Diagnostics;
using System.Text;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Host.Configuration;

namespace StreamCx.Host.Replay;

/// <summary>
/// <c>replay</c>: a file of feedback events (JSON lines) through the same domain pipeline as the live engine, in
/// event-time order, single-threaded and deterministic; every alert emission written as one JSON line.
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
        var events = new List<(FeedbackEvent Event, long Line)>();
        foreach (var (line, bytes) in ReadLines(input))
        {
            summary.LinesRead++;
            var parsed = parser.Parse(bytes.Span);
            if (parsed.Event is { } e) events.Add((e, line));
            else summary.Reject(line, parsed.Rejection!);
        }
        summary.Valid = events.Count;
        // Event-time order; ties keep file order, so the same file always replays the same way.
        events.Sort((a, b) => a.Event.OccurredAt != b.Event.OccurredAt ? a.Event.OccurredAt.CompareTo(b.Event.OccurredAt) : a.Line.CompareTo(b.Line));

        var processor = new FeedbackProcessor(config.Catalog, config.Detection, clock);
        using (var writer = new StreamWriter(output, append: false, new UTF8Encoding(false)))
        {
            foreach (var (e, _) in events)
            {
                foreach (var alert in processor.Process(e))
                {
                    writer.WriteLine(ContractJson.Serialize(alert));
                    summary.Count(alert);
                }
            }
        }
        summary.Elapsed = stopwatch.Elapsed;
        summary.AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedBefore;
        summary.Collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3);
        summary.Write(console, processor.Counters);
        return 0;
    }

    /// <summary>Lines as raw bytes (so invalid UTF-8 is reported, not silently replaced), numbered from 1; blank lines skipped.</summary>
    private static IEnumerable<(long Line, ReadOnlyMemory<byte> Bytes)> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new MemoryStream();
        long line = 0;
        int b;
        while (true)
        {
            b = stream.ReadByte();
            if (b == '\n' || b == -1)
            {
                line++;
                var bytes = buffer.ToArray().AsMemory();
                if (bytes.Length > 0 && bytes.Span[^1] == '\r') bytes = bytes[..^1];
                if (!IsBlank(bytes.Span)) yield return (line, bytes);
                buffer.SetLength(0);
                if (b == -1) yield break;
            }
            else buffer.WriteByte((byte)b);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var c in bytes) if (c is not ((byte)' ' or (byte)'\t')) return false;
        return true;
    }
}
