namespace StreamCx.Host.Simulation;

/// <summary>One message a simulated system sends at <see cref="At"/>: its Kafka key and its JSON.</summary>
public sealed record SimulatedMessage(DateTimeOffset At, string EventId, string Key, byte[] Value)
{
    /// <summary>Event time, then event id: an order that does not depend on when the messages were scripted.</summary>
    public static IComparer<SimulatedMessage> EventOrder { get; } = Comparer<SimulatedMessage>.Create((a, b) =>
        a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.EventId, b.EventId));
}
