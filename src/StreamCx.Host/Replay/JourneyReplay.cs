using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Journeys;

namespace StreamCx.Host.Replay;

/// <summary>
/// The journeys' part of a replay: feedback and journey messages merged in <see cref="EventOrder"/> (feedback first at
/// a tie) through one <see cref="JourneyProcessor"/>, as the live engine applies them; the alerts each message caused,
/// and those of the held messages applied at the end.
/// </summary>
public sealed class JourneyReplay
{
    private JourneyReplay(int[] order, IReadOnlyList<Alert>[] byMessage, IReadOnlyList<Alert> atEnd, JourneyProcessor processor, IReadOnlyList<FeedbackEvent> readings)
    {
        Readings = readings;
        Order = order;
        AlertsByMessage = byMessage;
        AlertsAtEnd = atEnd;
        Processor = processor;
    }

    /// <summary>Every message in the order applied: <c>i ≥ 0</c> is feedback event i, <c>~k</c> journey message k.</summary>
    public int[] Order { get; }

    /// <summary>The journey alerts caused by each entry of <see cref="Order"/>, at the same position.</summary>
    public IReadOnlyList<Alert>[] AlertsByMessage { get; }

    public IReadOnlyList<Alert> AlertsAtEnd { get; }

    public JourneyProcessor Processor { get; }

    /// <summary>The journey indicator readings the journeys gave (none unless the processor gives them), in the order given.</summary>
    public IReadOnlyList<FeedbackEvent> Readings { get; }

    public static JourneyReplay Run(IReadOnlyList<FeedbackEvent> events, IReadOnlyList<JourneySignal> signals, JourneyProcessor processor)
    {
        var order = Merge(events, signals);
        var alerts = new IReadOnlyList<Alert>[order.Length];
        var readings = new List<FeedbackEvent>();
        for (var n = 0; n < order.Length; n++)
        {
            alerts[n] = order[n] >= 0 ? processor.Process(events[order[n]]) : processor.Process(signals[~order[n]]);
            readings.AddRange(processor.TakeReadings());
        }
        var atEnd = processor.Flush();
        readings.AddRange(processor.TakeReadings());
        return new JourneyReplay(order, alerts, atEnd, processor, readings);
    }

    private static int[] Merge(IReadOnlyList<FeedbackEvent> events, IReadOnlyList<JourneySignal> signals)
    {
        var order = new int[events.Count + signals.Count];
        int i = 0, k = 0;
        for (var n = 0; n < order.Length; n++)
        {
            var takeEvent = k == signals.Count
                || (i < events.Count && EventOrder.Compare(events[i].OccurredAt, events[i].EventId, signals[k].OccurredAt, signals[k].EventId) <= 0);
            order[n] = takeEvent ? i++ : ~k++;
        }
        return order;
    }
}
