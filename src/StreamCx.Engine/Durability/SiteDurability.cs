using Akka.Actor;

namespace StreamCx.Engine.Durability;

/// <summary>What a site actor needs to be durable: the cadence, the snapshot store actor, the ledger it reports to.</summary>
public sealed record SiteDurability(SnapshotSettings Settings, IActorRef SnapshotStore, OffsetLedger Ledger, SnapshotCounters Counters);
