using System.Collections.Frozen;

namespace StreamCx.Host.Metrics;

/// <summary>
/// Maps an event's channel (free text in the contract) to a bounded label value: a configured channel, or
/// <see cref="Other"/>; <see cref="Rejected"/> for rejected messages (their channel, if any, is not trusted).
/// </summary>
public sealed class ChannelLabel(IEnumerable<string> channels)
{
    public const string Other = "other";
    public const string Rejected = "rejected";

    private readonly FrozenDictionary<string, string> _known =
        channels.ToFrozenDictionary(c => c, c => c.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every value <see cref="For"/> can return.</summary>
    public IEnumerable<string> Values => _known.Values.Append(Other).Append(Rejected);

    public string For(string? channel) => channel is null ? Rejected : _known.GetValueOrDefault(channel, Other);
}
