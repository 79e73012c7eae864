namespace StreamCx.Domain.Channels;

/// <summary>A channel alert: its id, the last sequence emitted, the gap it last reported; <see cref="Resolved"/> once over.</summary>
public sealed class ChannelAlertState
{
    public required string AlertId { get; init; }

    public int Sequence { get; set; }

    public double LastGap { get; set; }

    public bool Resolved { get; set; }
}
