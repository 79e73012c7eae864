using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Listening;

namespace StreamCx.Host.Replay;

/// <summary>
/// The listening sources' part of a replay: their messages in <see cref="EventOrder"/> through one
/// <see cref="ListeningProcessor"/>, and the alerts each caused, to be written among the others in event order.
/// </summary>
public sealed class ListeningReplay
{
    private readonly ListeningEvent[] _ordered;
    private readonly IReadOnlyList<Alert>[] _alerts;
    private int _written;

    private ListeningReplay(ListeningEvent[] ordered, IReadOnlyList<Alert>[] alerts, ListeningProcessor processor)
    {
        (_ordered, _alerts, Processor) = (ordered, alerts, processor);
    }

    public ListeningProcessor Processor { get; }

    public bool HasAlerts => _alerts.Any(a => a.Count > 0);

    public static ListeningReplay Run(IReadOnlyList<ListeningEvent> messages, ListeningProcessor processor)
    {
        // file order at a tie of time and id (a stable sort), as the other messages
        var ordered = messages.Order(Comparer<ListeningEvent>.Create((x, y) => EventOrder.Compare(x.OccurredAt, x.EventId, y.OccurredAt, y.EventId))).ToArray();
        var alerts = new IReadOnlyList<Alert>[ordered.Length];
        for (var i = 0; i < ordered.Length; i++) alerts[i] = processor.Apply(ordered[i]);
        return new ListeningReplay(ordered, alerts, processor);
    }

    /// <summary>The alerts of the messages before (<see cref="EventOrder"/>) the message at <paramref name="at"/> with <paramref name="eventId"/> not yet taken; all of them when null.</summary>
    public IEnumerable<Alert> TakeBefore(DateTimeOffset? at, string? eventId)
    {
        while (_written < _ordered.Length
               && (at is null || EventOrder.Compare(_ordered[_written].OccurredAt, _ordered[_written].EventId, at.Value, eventId!) < 0))
        {
            foreach (var alert in _alerts[_written]) yield return alert;
            _written++;
        }
    }
}
