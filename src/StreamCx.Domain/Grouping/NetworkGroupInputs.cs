using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// What the network grouping takes from every engine, however the engines share the regions: the region groups' emissions
/// and how far in event time each region-topic partition (channel) has passed. A region group is held until every channel
/// has passed it (<see cref="NetworkGrouping"/> then takes it in replay's order), so it does not matter which engine holds
/// which region, nor when its messages come. An emission taken already (the same alert id and sequence: a region read again
/// by its next holder after a rebalance or a crash) is taken once; a channel's time only moves forward (a next holder
/// starts behind its last holder, and re-raises only what was taken already). Pure: no Akka, no Kafka.
/// </summary>
public sealed class NetworkGroupInputs(NetworkGrouping grouping)
{
    /// <summary>How far behind the channels' time an emission's key is remembered, to know a copy as one.</summary>
    public static readonly TimeSpan CopyHorizon = TimeSpan.FromDays(2);

    private readonly Dictionary<string, DateTimeOffset> _taken = new(StringComparer.Ordinal); // "alertId#sequence" → raisedAt

    /// <summary>Emissions of region groups seen again (copies) and not taken.</summary>
    public long Copies { get; private set; }

    /// <summary>Region groups held for the channels' time.</summary>
    public int Held => grouping.Held;

    /// <summary>Each channel's time (the journey indicators' watch is released by the same times).</summary>
    public ChannelTimes Times { get; } = new();

    /// <summary>The slowest channel's time, once every channel has told one.</summary>
    public DateTimeOffset? Through => Times.Through;

    /// <summary>Takes a region group's emission (anything else, or a copy, is ignored); true when taken.</summary>
    public bool Take(Alert regionGroup)
    {
        if (GroupAlerts.FactorOf(regionGroup, GroupFactor.RegionScope) is null) return false;
        if (Through is { } through && regionGroup.RaisedAt < through - CopyHorizon) return Copy();
        if (!_taken.TryAdd(KeyOf(regionGroup), regionGroup.RaisedAt)) return Copy();
        grouping.Take(regionGroup);
        return true;
    }

    /// <summary>A channel (one of <paramref name="channels"/>) has passed <paramref name="through"/>.</summary>
    public void Passed(string channel, DateTimeOffset through, int channels) => Times.Pass(channel, through, channels);

    /// <summary>The network groups' emissions now due: those caused by the region groups every channel has passed.</summary>
    public IReadOnlyList<Alert> Release()
    {
        if (Through is not { } through) return [];
        foreach (var old in _taken.Where(t => t.Value < through - CopyHorizon).Select(t => t.Key).ToList()) _taken.Remove(old);
        return grouping.Held == 0 ? [] : [.. grouping.Release(through).Select(r => r.Emitted)];
    }

    public NetworkInputsState State => new(grouping.State, grouping.HeldAlerts, Times.State,
        new Dictionary<string, DateTimeOffset>(_taken, StringComparer.Ordinal), Times.Channels);

    public void Restore(NetworkInputsState state)
    {
        grouping.Restore(state.Grouping, state.Held);
        Times.Restore(state.Passed, state.Channels);
        _taken.Clear();
        foreach (var (k, v) in state.Taken) _taken[k] = v;
    }

    private bool Copy()
    {
        Copies++;
        return false;
    }

    private static string KeyOf(Alert alert) => $"{alert.AlertId}#{alert.Sequence}";
}

/// <summary>What <see cref="NetworkGroupInputs"/> holds, as plain data: the grouper, the region groups held, each channel's time, the keys taken.</summary>
public sealed record NetworkInputsState(
    GroupingState Grouping, IReadOnlyList<Alert> Held, IReadOnlyDictionary<string, DateTimeOffset> Passed, IReadOnlyDictionary<string, DateTimeOffset> Taken, int Channels);
