using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// The bookkeeping common to region and network grouping: per attribute, the members opened within
/// <paramref name="window"/> of event time; once <paramref name="enough"/> distinct members opened, ONE move (group) forms
/// with all of them; while it takes members, later members join it; it stops taking them once <paramref name="interval"/>
/// of event time has passed since its last join (a member opening that late starts a new move, with its own id); it ends
/// when every member has closed (recovered). Deterministic: the same calls in the same order give the same moves, ids and
/// sequences.
/// </summary>
/// <param name="scopeKey">Part of the group's id: the region, or "network".</param>
/// <param name="interval">How long after its last join a move still takes new members (Alertmanager-like group lifetime).</param>
/// <param name="enough">Whether these distinct members make a move (called with the candidates, the newest last).</param>
public sealed class MoveTracker(string scopeKey, TimeSpan window, TimeSpan interval, Func<IReadOnlyList<MoveMember>, bool> enough)
{
    private readonly List<RecentOpen> _recent = [];
    // by attribute, in the order they formed: the last one may still take members, the earlier ones only wait for their members to recover
    private readonly Dictionary<string, List<Move>> _moves = new(StringComparer.Ordinal);
    private long _version;

    public GroupingState State =>
        new(_version, [.. _recent], [.. _moves.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value)]);

    public void Restore(GroupingState state)
    {
        _version = state.Version;
        _recent.Clear();
        _recent.AddRange(state.Recent);
        _moves.Clear();
        foreach (var move in state.Moves)
        {
            // a move saved before the last join was kept: its members' latest opening is its last join (exact for site members)
            var restored = move.LastJoinAt == default ? move with { LastJoinAt = move.Members.Max(m => m.OpenedAt) } : move;
            MovesOf(move.AttributeId).Add(restored);
        }
    }

    /// <summary>The move on the attribute that still takes members at <paramref name="at"/>, if any.</summary>
    public Move? Taking(string attributeId, DateTimeOffset at) =>
        _moves.TryGetValue(attributeId, out var moves) && moves is [.., var last] && at - last.LastJoinAt < interval ? last : null;

    /// <summary>The move (taking members or not) that this alert is a member of, if any.</summary>
    public Move? MoveOf(string attributeId, string alertId) =>
        _moves.TryGetValue(attributeId, out var moves) ? moves.FirstOrDefault(m => m.Members.Any(x => x.AlertId == alertId)) : null;

    /// <summary>The member of a move whose alert this is, if any.</summary>
    public MoveMember? MemberOf(string attributeId, string alertId) =>
        MoveOf(attributeId, alertId)?.Members.FirstOrDefault(m => m.AlertId == alertId);

    /// <summary>
    /// Would <paramref name="member"/>, opening now, form a move? Returns the candidates it would form it with (itself
    /// last), or null. Changes nothing.
    /// </summary>
    public IReadOnlyList<MoveMember>? WouldForm(string attributeId, MoveMember member, DateTimeOffset at)
    {
        if (Taking(attributeId, at) is not null) return null;
        var candidates = _recent.Where(r => r.AttributeId == attributeId && at - r.Member.OpenedAt <= window && r.Member.Key != member.Key)
            .Select(r => r.Member).Append(member).ToList();
        return enough(candidates) ? candidates : null;
    }

    /// <summary>A member opened: it joins the move taking members, forms one with the recent candidates, or waits as a candidate.</summary>
    public (Move Move, AlertStatus Status)? Open(string attributeId, MoveMember member, DateTimeOffset at)
    {
        _version++;
        _recent.RemoveAll(r => at - r.Member.OpenedAt > window || (r.AttributeId == attributeId && r.Member.Key == member.Key));
        if (Taking(attributeId, at) is { } taking) return (Put(Joined(taking, member, at)), AlertStatus.Updated);
        if (WouldForm(attributeId, member, at) is not { } candidates)
        {
            _recent.Add(new RecentOpen(attributeId, member));
            return null;
        }
        _recent.RemoveAll(r => r.AttributeId == attributeId);
        var since = candidates.Min(c => c.OpenedAt);
        var move = new Move(AlertIds.For($"group:{scopeKey}", attributeId, at), attributeId, since, 1, candidates, [], at);
        MovesOf(attributeId).Add(move);
        return (move, AlertStatus.Open);
    }

    /// <summary>A member of a move changed (a region group grew, a site was promoted): its move is updated with it (not a join).</summary>
    public (Move Move, AlertStatus Status)? Change(string attributeId, MoveMember member)
    {
        if (MoveOf(attributeId, member.AlertId) is not { } move) return null;
        _version++;
        return (Put(Joined(move, member, move.LastJoinAt)), AlertStatus.Updated);
    }

    /// <summary>A member's alert resolved: it leaves the candidates; its move ends once every member has.</summary>
    public (Move Move, AlertStatus Status)? Close(string attributeId, string alertId)
    {
        var removed = _recent.RemoveAll(r => r.Member.AlertId == alertId);
        if (MoveOf(attributeId, alertId) is not { } move)
        {
            if (removed > 0) _version++;
            return null;
        }
        _version++;
        var closed = move.Closed.Append(alertId).Distinct(StringComparer.Ordinal).ToList();
        if (closed.Count < move.Members.Count)
        {
            Put(move with { Closed = closed });
            return null;
        }
        var moves = _moves[attributeId];
        moves.RemoveAll(m => m.GroupId == move.GroupId);
        if (moves.Count == 0) _moves.Remove(attributeId);
        return (move with { Sequence = move.Sequence + 1, Closed = closed }, AlertStatus.Resolved);
    }

    private List<Move> MovesOf(string attributeId) =>
        _moves.TryGetValue(attributeId, out var moves) ? moves : _moves[attributeId] = [];

    /// <summary>Puts the new version of a move in place of the one with its id.</summary>
    private Move Put(Move move)
    {
        var moves = _moves[move.AttributeId];
        moves[moves.FindIndex(m => m.GroupId == move.GroupId)] = move;
        return move;
    }

    /// <summary>The move with this member in (in place of the same key's earlier alert, which no longer counts as closed), last joined at <paramref name="at"/>.</summary>
    private static Move Joined(Move move, MoveMember member, DateTimeOffset at)
    {
        var members = move.Members.ToList();
        var i = members.FindIndex(m => m.Key == member.Key);
        var closed = move.Closed;
        if (i >= 0)
        {
            closed = [.. closed.Where(id => id != members[i].AlertId)];
            members[i] = member;
        }
        else
        {
            members.Add(member);
        }
        return move with { Sequence = move.Sequence + 1, Members = members, Closed = closed, LastJoinAt = at };
    }
}
