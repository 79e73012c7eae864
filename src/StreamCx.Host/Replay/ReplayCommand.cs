using System.Diagnostics;
using System.Runtime;
using System.Text;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Journeys.Indicators;
using StreamCx.Domain.Listening;
using StreamCx.Domain.Processing;
using StreamCx.Host.Configuration;

namespace StreamCx.Host.Replay;

/// <summary>
/// <c>replay</c>: a file of feedback events and journey messages (JSON lines) through the same domain pipeline as the
/// live engine, in event-time order and deterministic (regions in parallel, <see cref="RegionalReplay"/>; journeys and
/// accounts after, <see cref="JourneyReplay"/>; network groups over the regions' groups, <see cref="NetworkReplay"/>); every alert emission written as one JSON line, in the order of the
/// messages that caused it.
/// </summary>
public static class ReplayCommand
{
    public static int Run(StreamCxConfiguration config, string input, string output, TextWriter console, TimeProvider clock)
    {
        var stopwatch = Stopwatch.StartNew();
        var startup = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var summary = new ReplaySummary();
        var jsonReady = AlertJsonWarmUp.Start();

        var parsed = ParsedReplayFile.Read(input, new FeedbackParser(config.Catalog, config.Parser, clock), summary);
        summary.LinesRead = parsed.LinesRead;
        summary.Valid = parsed.Events.Count + parsed.Signals.Count + parsed.Listening.Count;
        summary.Phases.Read = stopwatch.Elapsed;

        // Event-time order; ties keep file order, so the same file always replays the same way.
        EventTimeOrder.Sort(parsed.Keys);
        var ordered = new FeedbackEvent[parsed.Keys.Length];
        for (var i = 0; i < ordered.Length; i++) ordered[i] = parsed.Events[parsed.Keys[i].Index];
        EventTimeOrder.Sort(parsed.SignalKeys);
        var signals = new JourneySignal[parsed.SignalKeys.Length];
        for (var i = 0; i < signals.Length; i++) signals[i] = parsed.Signals[parsed.SignalKeys[i].Index];
        summary.Phases.Order = stopwatch.Elapsed - summary.Phases.Read;

        // the channels on a lane of their own beside the regions (they read the same ordered feedback, write nothing shared)
        var newest = new[] { ordered.LastOrDefault()?.OccurredAt, signals.LastOrDefault()?.OccurredAt, parsed.Listening.Count == 0 ? null : parsed.Listening.Max(l => l.OccurredAt) }.Max();
        var listeningProcessor = new ListeningProcessor(config.Catalog, config.Complaints, clock, config.Social, config.Channels);
        var channelLane = Task.Run(() => ChannelReplay.Run(ordered, newest, listeningProcessor.Channels));
        var siteListening = parsed.Listening.Where(FeedbackProcessor.IsForSite)
            .Order(Comparer<ListeningEvent>.Create((x, y) => EventOrder.Compare(x.OccurredAt, x.EventId, y.OccurredAt, y.EventId))).ToList();
        var (alertsByEvent, counters) = RegionalReplay.Run(ordered, siteListening, config.Catalog, config.Detection, clock, config.Social);
        var network = NetworkReplay.Run(alertsByEvent, config.Catalog, config.Detection);
        // the journey indicators are watched with the network grouping (as in the engine, where its owner watches them)
        var journeys = JourneyReplay.Run(ordered, signals, new JourneyProcessor(config.Catalog, config.Journeys, clock, givesReadings: config.Detection.NetworkGroups));
        var indicators = new JourneyIndicatorWatch(config.Catalog, config.Detection, clock);
        foreach (var reading in journeys.Readings) indicators.Take(reading);
        var indicatorAlerts = indicators.Flush();
        var listening = ListeningReplay.Run(parsed.Listening, listeningProcessor);
        if (parsed.Listening.Count > 0) // incidents × attributes: only where there are listening messages
            foreach (var e in ordered) listening.Processor.Observe(e);
        var channels = channelLane.GetAwaiter().GetResult();
        summary.Phases.Process = stopwatch.Elapsed - summary.Phases.Read - summary.Phases.Order;

        if (alertsByEvent.Any(a => a.Count > 0) || journeys.AlertsByMessage.Any(a => a.Count > 0) || journeys.AlertsAtEnd.Count > 0 || indicatorAlerts.Count > 0 || listening.HasAlerts || channels.HasAlerts)
            jsonReady.Wait(); // else no alert to write: the warm-up is left to die with the process
        using (var writer = new StreamWriter(output, append: false, new UTF8Encoding(false)))
        {
            void Write(IEnumerable<Alert> alerts)
            {
                foreach (var alert in alerts)
                {
                    writer.WriteLine(ContractJson.Serialize(alert));
                    summary.Count(alert);
                    if (network.TryGetValue((alert.AlertId, alert.Sequence), out var caused)) Write(caused); // the network group it updated
                }
            }

            // each message's site alerts, then its journey alerts, in the order the messages were applied; the listening
            // sources' alerts among them in event order; the channel alerts of the hours a feedback event closed before its own
            for (var n = 0; n < journeys.Order.Length; n++)
            {
                var (at, id) = journeys.Order[n] >= 0 ? (ordered[journeys.Order[n]].OccurredAt, ordered[journeys.Order[n]].EventId) : (signals[~journeys.Order[n]].OccurredAt, signals[~journeys.Order[n]].EventId);
                Write(listening.TakeBefore(at, id));
                if (journeys.Order[n] >= 0) Write(channels.AlertsByEvent[journeys.Order[n]]);
                if (journeys.Order[n] >= 0) Write(alertsByEvent[journeys.Order[n]]);
                Write(journeys.AlertsByMessage[n]);
            }
            Write(listening.TakeBefore(null, null));
            Write(channels.AlertsAtEnd);
            Write(journeys.AlertsAtEnd);
            Write(indicatorAlerts);
        }
        summary.Elapsed = stopwatch.Elapsed;
        summary.Phases.Write = summary.Elapsed - summary.Phases.Read - summary.Phases.Order - summary.Phases.Process;
        summary.Phases.Startup = startup;
        summary.Phases.Jit = JitInfo.GetCompilationTime();
        summary.Phases.JitMethods = JitInfo.GetCompiledMethodCount();
        summary.Phases.GcPause = GC.GetTotalPauseDuration() - pausedBefore;
        summary.AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedBefore;
        summary.Collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3);
        summary.Write(console, counters, signals, journeys.Processor, listening.Processor, channels.Processor);
        return 0;
    }
}
