using System.Text.Json.Serialization;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// What a grouper knows, as plain data (snapshotted with the sites of its region): the alerts opened recently that are
/// not in a group yet, and the groups (moves) still active. <see cref="Version"/> grows with every change, so of several
/// saved copies the newest is known. An attribute may have several moves: the newest, which may still take members, and
/// earlier ones that stopped taking them and wait for their members to recover.
/// </summary>
public sealed record GroupingState(long Version, IReadOnlyList<RecentOpen> Recent, IReadOnlyList<Move> Moves)
{
    public static readonly GroupingState Empty = new(0, [], []);
}

/// <summary>An alert opened on an attribute, not in a group (yet): a candidate for one while it is within the group window.</summary>
public sealed record RecentOpen(string AttributeId, MoveMember Member);

/// <summary>
/// One move on an attribute (a group): its id, since when, its last emission's sequence, its members and those that
/// recovered, and the event time of its last join (it takes new members until <see cref="Detection.DetectionSettings.GroupInterval"/>
/// after it; absent, i.e. default, in states saved before it was kept).
/// </summary>
public sealed record Move(
    string GroupId, string AttributeId, DateTimeOffset Since, int Sequence, IReadOnlyList<MoveMember> Members, IReadOnlyList<string> Closed,
    DateTimeOffset LastJoinAt);

/// <summary>
/// A member of a move: a site alert (key = site id) or a region group (key = region id), its score and severity when it
/// joined, the sites and regions it stands for, and how it is shown.
/// </summary>
public sealed record MoveMember(
    string Key, string AlertId, DateTimeOffset OpenedAt, double Mean, double DissatisfiedPct, int Count, double Severity,
    IReadOnlyList<string> SiteIds, IReadOnlyList<string> RegionIds, MemberRole Role);

/// <summary>How a member's own alert is shown next to its group.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberRole>))]
public enum MemberRole
{
    /// <summary>Notified before the group formed: the page folds it under the group.</summary>
    Folded,

    /// <summary>Joined an active group and is not clearly worse than it: never notified on its own.</summary>
    Absorbed,

    /// <summary>Clearly worse than its group: keeps its own alert.</summary>
    Own,
}
