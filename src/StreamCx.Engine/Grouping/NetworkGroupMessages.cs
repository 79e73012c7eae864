using StreamCx.Domain.Contracts;
using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Grouping;

/// <summary>A region has applied every event up to <see cref="Through"/> (event time): its groups raised before are all out (told its sites actor).</summary>
public sealed record RegionPassed(string RegionId, DateTimeOffset Through);

/// <summary>The journeys of these channels (null key: the one channel when read directly) have applied every event up to their time, and their readings are out (told the sites actor).</summary>
public sealed record JourneysPassed(IReadOnlyDictionary<string, DateTimeOffset> ByChannel);

/// <summary>
/// One input of the network grouping, as the network topic carries it: a region group's emission, a journey indicator
/// reading (<see cref="Reading"/>), or how far a channel (a region-topic partition, one of <see cref="Channels"/>) has
/// passed in event time. <see cref="Position"/> is where it was read (null when fed within one engine).
/// </summary>
public sealed record NetworkInput(SourcePosition? Position, Alert? RegionGroup, string? Channel, DateTimeOffset Through, int Channels)
{
    public FeedbackEvent? Reading { get; init; }

    public static NetworkInput Group(Alert regionGroup, SourcePosition? position = null) => new(position, regionGroup, null, default, 0);

    public static NetworkInput Of(FeedbackEvent reading, SourcePosition? position = null) => new(position, null, null, default, 0) { Reading = reading };

    public static NetworkInput Passed(string channel, DateTimeOffset through, int channels, SourcePosition? position = null) => new(position, null, channel, through, channels);
}

/// <summary>Ask the network grouping how far it is (for <c>/api/status</c>); answered with <see cref="NetworkStatus"/>.</summary>
public sealed record GetNetworkStatus
{
    public static readonly GetNetworkStatus Instance = new();
}

/// <summary>
/// The network grouping here: how far every channel has passed (null until each told, or when its partition is another
/// engine's), the region groups held and the copies skipped; and the journey indicators' watch: readings applied, copies
/// among them, refused, held for the channels' time. All zero on an engine that does not hold the network topic.
/// </summary>
public sealed record NetworkStatus(DateTimeOffset? Through, int HeldGroups, long Copies, long ReadingsApplied, long ReadingCopies, long ReadingsRefused, int ReadingsHeld);

/// <summary>The network grouping took (or skipped) an input: its position may be committed once a snapshot covers it.</summary>
public sealed record NetworkInputTaken(bool Taken);
