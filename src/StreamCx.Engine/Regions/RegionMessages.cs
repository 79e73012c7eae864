using Akka.Actor;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Engine.Regions;

/// <summary>A site announces itself to its region so it receives the region's views.</summary>
public sealed record RegisterSite(string SiteId, IActorRef Site);

/// <summary>A site-attribute's latest peer-window value and NPS pair sums.</summary>
public sealed record SiteAttributeReport(string SiteId, string AttributeId, WindowStats Window, PairSums Pairs);

/// <summary>The region's view of one attribute, pushed to every site of the region.</summary>
public sealed record RegionUpdate(RegionSnapshot Snapshot);
