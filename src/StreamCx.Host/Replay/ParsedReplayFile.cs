using System.Collections.Concurrent;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;

namespace StreamCx.Host.Replay;

/// <summary>
/// The valid events of a replay file in file order with their event-time keys (feedback, and apart the messages of the
/// journey family); rejected lines go to the summary as
/// they are met. The file is read and parsed a batch of lines at a time (lines of a batch on all cores), so only one
/// batch of raw bytes is alive at once: the line bytes die young instead of being kept, and promoted, until the
/// whole file has been read.
/// </summary>
public sealed class ParsedReplayFile
{
    /// <summary>Lines parsed together: large enough that starting the parallel loop is negligible, small enough to stay in cache.</summary>
    private const int BatchLines = 8192;

    /// <summary>Lines handed to one worker at a time inside a batch.</summary>
    private const int LinesPerTask = 512;

    private ParsedReplayFile(List<FeedbackEvent> events, EventTimeOrder.Key[] keys, List<JourneySignal> signals, EventTimeOrder.Key[] signalKeys, long linesRead)
    {
        Events = events;
        Keys = keys;
        Signals = signals;
        SignalKeys = signalKeys;
        LinesRead = linesRead;
    }

    /// <summary>The valid events in file order.</summary>
    public IReadOnlyList<FeedbackEvent> Events { get; }

    /// <summary>One key per valid event, <see cref="EventTimeOrder.Key.Index"/> pointing into <see cref="Events"/>; file order until sorted.</summary>
    public EventTimeOrder.Key[] Keys { get; }

    /// <summary>The valid journey-step, journey-closed and churn messages in file order.</summary>
    public IReadOnlyList<JourneySignal> Signals { get; }

    /// <summary>One key per journey message, <see cref="EventTimeOrder.Key.Index"/> pointing into <see cref="Signals"/>.</summary>
    public EventTimeOrder.Key[] SignalKeys { get; }

    /// <summary>The valid messages of the listening sources in file order (complaints, incidents, internal reports, social mentions).</summary>
    public IReadOnlyList<ListeningEvent> Listening { get; private init; } = [];

    /// <summary>Non-blank lines read.</summary>
    public long LinesRead { get; }

    public static ParsedReplayFile Read(string path, FeedbackParser parser, ReplaySummary summary)
    {
        var events = new List<FeedbackEvent>();
        var keys = new List<EventTimeOrder.Key>();
        var signals = new List<JourneySignal>();
        var signalKeys = new List<EventTimeOrder.Key>();
        var listening = new List<ListeningEvent>();
        var outcomes = new ParseOutcome[BatchLines];
        long linesRead = 0;
        foreach (var batch in ReplayInput.ReadLines(path).Chunk(BatchLines))
        {
            linesRead += batch.Length;
            Parallel.ForEach(Partitioner.Create(0, batch.Length, LinesPerTask), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++) outcomes[i] = parser.Parse(batch[i].Bytes);
            });
            for (var i = 0; i < batch.Length; i++)
            {
                if (outcomes[i].Event is { } e)
                {
                    keys.Add(new EventTimeOrder.Key(e.OccurredAt.UtcTicks, events.Count, e.EventId));
                    events.Add(e);
                }
                else if (outcomes[i].Listening is { } l)
                {
                    listening.Add(l);
                }
                else if (outcomes[i].Signal is { } signal)
                {
                    signalKeys.Add(new EventTimeOrder.Key(signal.OccurredAt.UtcTicks, signals.Count, signal.EventId));
                    signals.Add(signal);
                }
                else
                {
                    summary.Reject(batch[i].Line, outcomes[i].Rejection!);
                }
                outcomes[i] = default;
            }
        }
        return new ParsedReplayFile(events, [.. keys], signals, [.. signalKeys], linesRead) { Listening = listening };
    }
}
