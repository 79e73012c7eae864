using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;

namespace StreamCx.Host.Replay;

/// <summary>
/// The channels' part of a replay: the feedback in event order through one <see cref="ChannelProcessor"/> (the hours before
/// an event's hour are tested as it comes), and the hours before the newest message of any type at the end (the live engine's
/// frontier reaches it too); the alerts by the event that closed their hour, to be written before that event's own alerts.
/// </summary>
public sealed class ChannelReplay
{
    private ChannelReplay(IReadOnlyList<Alert>[] byEvent, IReadOnlyList<Alert> atEnd, ChannelProcessor processor) =>
        (AlertsByEvent, AlertsAtEnd, Processor) = (byEvent, atEnd, processor);

    public IReadOnlyList<Alert>[] AlertsByEvent { get; }

    public IReadOnlyList<Alert> AlertsAtEnd { get; }

    public ChannelProcessor Processor { get; }

    public bool HasAlerts => AlertsAtEnd.Count > 0 || AlertsByEvent.Any(a => a.Count > 0);

    public static ChannelReplay Run(FeedbackEvent[] ordered, DateTimeOffset? newest, ChannelProcessor processor)
    {
        var byEvent = new IReadOnlyList<Alert>[ordered.Length];
        for (var i = 0; i < ordered.Length; i++) byEvent[i] = processor.Apply(ordered[i]);
        return new ChannelReplay(byEvent, newest is { } at ? processor.CloseBefore(at) : [], processor);
    }
}
