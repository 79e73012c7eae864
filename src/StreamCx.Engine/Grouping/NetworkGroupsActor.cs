using Akka.Actor;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Journeys.Indicators;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Grouping;

/// <summary>
/// The network grouping of every engine's regions (<see cref="NetworkGroupInputs"/>): it takes the region groups' emissions
/// and the channels' times from the network topic (one partition: the engine that holds it runs the grouping), and
/// publishes the network groups once every channel has passed them, in replay's order. The journey indicators' watch
/// (<see cref="JourneyIndicatorWatch"/>) rides with it: the journeys' readings, from every engine, applied once every
/// channel has passed them, by the same channel times. Durable like the listening sources:
/// restored from its snapshot when its partition is assigned here, snapshotted as it changes, its offsets committed once
/// a snapshot covers them. Within one engine without Kafka, fed straight by its regions (<see cref="LocalNetworkFeed"/>).
/// </summary>
public sealed class NetworkGroupsActor : ChannelStateActor
{
    /// <summary>The network grouping's name in the offset ledger (no site id has parentheses).</summary>
    public const string LedgerKey = "(network)";

    private readonly Func<NetworkGroupInputs> _create;
    private readonly IAlertPublisher _alerts;
    private readonly IEngineTelemetry _telemetry;
    private readonly Dictionary<string, NetworkGroupInputs> _inputs = new(StringComparer.Ordinal);
    private readonly Func<JourneyIndicatorWatch> _createWatch;
    private readonly Dictionary<string, JourneyIndicatorWatch> _watches = new(StringComparer.Ordinal);

    public NetworkGroupsActor(ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, IEngineTelemetry telemetry, SiteDurability? durability)
        : base("network-groups-", LedgerKey, "the network groups", alerts, durability)
    {
        (_alerts, _telemetry) = (alerts, telemetry);
        _create = () => new NetworkGroupInputs(new NetworkGrouping(new NetworkGrouper(catalog, settings)));
        _createWatch = () => new JourneyIndicatorWatch(catalog, settings, alerts.Clock);
        Running();
    }

    protected override void Running()
    {
        Receive<NetworkInput>(m =>
        {
            var channel = ChannelOf(m.Position);
            if (StartLoading([channel]))
            {
                Stash.Stash();
                return;
            }
            var taken = Takes(channel, m.Position, null);
            if (taken) Apply(channel, m);
            if (!Sender.IsNobody()) Sender.Tell(new NetworkInputTaken(taken));
            AfterTaking();
        });
        Receive<GetNetworkStatus>(_ => Sender.Tell(new NetworkStatus(
            _inputs.Values.Select(i => i.Through).Max(), _inputs.Values.Sum(i => i.Held), _inputs.Values.Sum(i => i.Copies),
            _watches.Values.Sum(w => w.Applied), _watches.Values.Sum(w => w.Copies),
            _watches.Values.Sum(w => w.Refused), _watches.Values.Sum(w => w.Held))));
        ReceiveOwnership();
    }

    private void Apply(string channel, NetworkInput m)
    {
        var inputs = InputsOf(channel);
        if (m.RegionGroup is { } group) inputs.Take(group);
        else if (m.Reading is { } reading) WatchOf(channel).Take(reading, inputs.Through);
        else if (m.Channel is { } passed) inputs.Passed(passed, m.Through, m.Channels);
        Publish(inputs.Release());
        if (_watches.TryGetValue(channel, out var watch)) Publish(watch.Release(inputs.Through));
    }

    private void Publish(IReadOnlyList<Alert> alerts)
    {
        foreach (var emitted in alerts)
        {
            _telemetry.AlertEmitted(emitted, 0);
            _alerts.Publish(emitted);
        }
    }

    private JourneyIndicatorWatch WatchOf(string channel)
    {
        if (!_watches.TryGetValue(channel, out var watch)) _watches[channel] = watch = _createWatch();
        return watch;
    }

    private NetworkGroupInputs InputsOf(string channel)
    {
        if (!_inputs.TryGetValue(channel, out var inputs)) _inputs[channel] = inputs = _create();
        return inputs;
    }

    protected override void DropState(string channel)
    {
        _inputs.Remove(channel);
        _watches.Remove(channel);
    }

    protected override ChannelCoverage RestoreState(string channel, object? stored, string persistenceId)
    {
        var snapshot = SnapshotCodec.DecodeNetwork(stored, persistenceId);
        var inputs = _create();
        try
        {
            inputs.Restore(new NetworkInputsState(snapshot.Grouping, [.. snapshot.Held.Select(j => ContractJson.DeserializeAlert(j) ?? throw new InvalidOperationException("a held region group is empty"))], snapshot.Passed, snapshot.Taken, snapshot.Channels));
            if (snapshot.JourneyIndicators is { } watched)
            {
                var watch = _createWatch();
                watch.Restore(watched);
                _watches[channel] = watch;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new SnapshotFormatException($"snapshot of {persistenceId} does not hold a network grouping: {e.Message}");
        }
        _inputs[channel] = inputs;
        return new ChannelCoverage(snapshot.AppliedOffsets, null);
    }

    protected override byte[] CaptureState(string channel, IReadOnlyDictionary<string, long> offsets, IReadOnlyDictionary<string, long> sources)
    {
        var state = InputsOf(channel).State;
        return SnapshotCodec.Encode(new NetworkChannelSnapshot(
            NetworkChannelSnapshot.CurrentVersion, state.Grouping, [.. state.Held.Select(ContractJson.Serialize)], state.Passed, state.Taken, state.Channels, offsets,
            _watches.TryGetValue(channel, out var watch) ? watch.Capture() : null));
    }

    public static Props Create(ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, IEngineTelemetry telemetry, SiteDurability? durability = null) =>
        Props.Create(() => new NetworkGroupsActor(catalog, settings, alerts, telemetry, durability));
}
