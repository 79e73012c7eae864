using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// The bookkeeping common to region and network grouping: per attribute, the members opened within
/// <paramref name="window"/> of event time; once <paramref name="enough"/> distinct members opened, ONE move (group) forms
/// with all of them; while it is active, later members join it; it ends when every member has closed (recovered).
/// Deterministic: the same calls in the same order give the same moves, ids and sequences.
/// </summary>
/// <param name="scopeKey">Part of the group's id: the region, or "network".</param>
/// <param name="enough">Whether these distinct members make a move (called with the candidates, the newest last).</param>
public sealed class MoveTracker(string scopeKey, TimeSpan window, Func<IReadOnlyList<MoveMember>, bool> enough)
{
    private readonly List<RecentOpen> _recent = [];
    private readonly Dictionary<string, Move> _moves = new(StringComparer.Ordinal); // by attribute: one move at a time
    private long _version;

    public GroupingState State => new(_version, [.. _recent], [.. _moves.Values.OrderBy(m => m.AttributeId, StringComparer.Ordinal)]);

    public void Restore(GroupingState state)
    {
        _version = state.Version;
        _recent.Clear();
        _recent.AddRange(state.Recent);
        _moves.Clear();
        foreach (var move in state.Moves) _moves[move.AttributeId] = move;
    }

    /// <summary>The active move on the attribute, if any.</summary>
    public Move? Active(string attributeId) => _moves.GetValueOrDefault(attributeId);

    /// <summary>The member of an active move whose alert this is, if any.</summary>
    public MoveMember? MemberOf(string attributeId, string alertId) =>
        _moves.TryGetValue(attributeId, out var move) ? move.Members.FirstOrDefault(m => m.AlertId == alertId) : null;

    /// <summary>
    /// Would <paramref name="member"/>, opening now, form a move? Returns the candidates it would form it with (itself
    /// last), or null. Changes nothing.
    /// </summary>
    public IReadOnlyList<MoveMember>? WouldForm(string attributeId, MoveMember member, DateTimeOffset at)
    {
        if (_moves.ContainsKey(attributeId)) return null;
        var candidates = _recent.Where(r => r.AttributeId == attributeId && at - r.Member.OpenedAt <= window && r.Member.Key != member.Key)
            .Select(r => r.Member).Append(member).ToList();
        return enough(candidates) ? candidates : null;
    }

    /// <summary>A member opened: it joins the active move, forms one with the recent candidates, or waits as a candidate.</summary>
    public (Move Move, AlertStatus Status)? Open(string attributeId, MoveMember member, DateTimeOffset at)
    {
        _version++;
        _recent.RemoveAll(r => at - r.Member.OpenedAt > window || (r.AttributeId == attributeId && r.Member.Key == member.Key));
        if (_moves.TryGetValue(attributeId, out var active)) return (Put(Joined(active, member)), AlertStatus.Updated);
        if (WouldForm(attributeId, member, at) is not { } candidates)
        {
            _recent.Add(new RecentOpen(attributeId, member));
            return null;
        }
        _recent.RemoveAll(r => r.AttributeId == attributeId);
        var since = candidates.Min(c => c.OpenedAt);
        var move = new Move(AlertIds.For($"group:{scopeKey}", attributeId, at), attributeId, since, 1, candidates, []);
        return (Put(move), AlertStatus.Open);
    }

    /// <summary>A member of an active move changed (a region group grew): the move is updated with it.</summary>
    public (Move Move, AlertStatus Status)? Change(string attributeId, MoveMember member)
    {
        if (!_moves.TryGetValue(attributeId, out var active) || !active.Members.Any(m => m.AlertId == member.AlertId)) return null;
        _version++;
        return (Put(Joined(active, member)), AlertStatus.Updated);
    }

    /// <summary>A member's alert resolved: it leaves the candidates; the move ends once every member has.</summary>
    public (Move Move, AlertStatus Status)? Close(string attributeId, string alertId)
    {
        var removed = _recent.RemoveAll(r => r.Member.AlertId == alertId);
        if (!_moves.TryGetValue(attributeId, out var active) || !active.Members.Any(m => m.AlertId == alertId))
        {
            if (removed > 0) _version++;
            return null;
        }
        _version++;
        var closed = active.Closed.Append(alertId).Distinct(StringComparer.Ordinal).ToList();
        if (closed.Count < active.Members.Count)
        {
            Put(active with { Closed = closed });
            return null;
        }
        _moves.Remove(attributeId);
        return (active with { Sequence = active.Sequence + 1, Closed = closed }, AlertStatus.Resolved);
    }

    private Move Put(Move move) => _moves[move.AttributeId] = move;

    /// <summary>The move with this member in (in place of the same key's earlier alert, which no longer counts as closed).</summary>
    private static Move Joined(Move move, MoveMember member)
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
        return move with { Sequence = move.Sequence + 1, Members = members, Closed = closed };
    }
}
