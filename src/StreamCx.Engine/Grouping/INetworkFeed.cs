using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Grouping;

/// <summary>
/// Where the regions held here send what the network grouping needs, whichever engine runs it: their groups' emissions
/// (and the journeys held here their indicator readings), then how far each channel has passed. Calls are made in that order per channel, and the feed keeps it (the network topic
/// has one partition for them, written in order). Thread-safe.
/// </summary>
public interface INetworkFeed
{
    void Group(Alert regionGroup);

    /// <summary>A journey indicator reading (<see cref="Domain.Journeys.Indicators.JourneyReadings"/>) of a journey held here.</summary>
    void Reading(FeedbackEvent reading);

    /// <summary>The channel (a region-topic partition, one of <paramref name="channels"/>) has applied every event before <paramref name="through"/>.</summary>
    void Passed(string channel, DateTimeOffset through, int channels);
}

/// <summary>The feed within one engine (no Kafka): straight to its network grouping actor.</summary>
public sealed class LocalNetworkFeed(Akka.Actor.IActorRef network) : INetworkFeed
{
    public void Group(Alert regionGroup) => network.Tell(NetworkInput.Group(regionGroup), Akka.Actor.ActorRefs.NoSender);

    public void Reading(FeedbackEvent reading) => network.Tell(NetworkInput.Of(reading), Akka.Actor.ActorRefs.NoSender);

    public void Passed(string channel, DateTimeOffset through, int channels) => network.Tell(NetworkInput.Passed(channel, through, channels), Akka.Actor.ActorRefs.NoSender);
}
