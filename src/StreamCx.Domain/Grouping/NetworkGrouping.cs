using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// Feeds a <see cref="NetworkGrouper"/> the region groups' emissions in one order however they arrived: held until the
/// event time of every region has passed them (<see cref="Release"/>), then taken by (raisedAt, alertId, sequence). So
/// <c>replay</c> (everything at the end) and the engine (as its regions move on) give the same network groups.
/// </summary>
public sealed class NetworkGrouping(NetworkGrouper grouper)
{
    /// <summary>The grouping the settings ask for: network groups from region groups, or none (<see cref="DetectionSettings.NetworkGroups"/> false).</summary>
    public static NetworkGrouping? For(ReferenceCatalog catalog, DetectionSettings settings) =>
        settings.NetworkGroups ? new NetworkGrouping(new NetworkGrouper(catalog, settings)) : null;

    /// <summary>The order region groups are taken in: event time, then alert id and sequence (no arrival order in it).</summary>
    public static readonly Comparison<Alert> Order = (a, b) =>
    {
        var c = a.RaisedAt.UtcTicks.CompareTo(b.RaisedAt.UtcTicks);
        if (c == 0) c = string.CompareOrdinal(a.AlertId, b.AlertId);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    };

    private readonly List<(Alert Alert, long Tag)> _held = [];

    public int Held => _held.Count;

    /// <summary>The region groups held, in the order they came (for a snapshot; their tags are not kept).</summary>
    public IReadOnlyList<Alert> HeldAlerts => [.. _held.Select(h => h.Alert)];

    /// <summary>The grouper's state (for a snapshot).</summary>
    public GroupingState State => grouper.State;

    /// <summary>Holds again what a snapshot held.</summary>
    public void Restore(GroupingState state, IEnumerable<Alert> held)
    {
        grouper.Restore(state);
        _held.Clear();
        _held.AddRange(held.Select(a => (a, 0L)));
    }

    /// <summary>Takes an emission of a region; only region groups are kept (the tag travels with it, e.g. when it was consumed).</summary>
    public void Take(Alert alert, long tag = 0)
    {
        if (GroupAlerts.FactorOf(alert, Contracts.GroupFactor.RegionScope) is not null) _held.Add((alert, tag));
    }

    /// <summary>
    /// Passes to the grouper, in <see cref="Order"/>, the region groups raised before <paramref name="before"/> (null: all
    /// of them); returns the network groups' emissions, each with the region group that caused it and its tag.
    /// </summary>
    public IReadOnlyList<(Alert Cause, long Tag, Alert Emitted)> Release(DateTimeOffset? before)
    {
        var due = _held.Where(h => before is not { } b || h.Alert.RaisedAt < b).ToList();
        if (due.Count == 0) return [];
        _held.RemoveAll(h => before is not { } b || h.Alert.RaisedAt < b);
        due.Sort((x, y) => Order(x.Alert, y.Alert));
        var emitted = new List<(Alert, long, Alert)>();
        foreach (var (alert, tag) in due)
        {
            if (grouper.Route(alert) is { } network) emitted.Add((alert, tag, network));
        }
        return emitted;
    }
}
