using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// Region-level grouping, where the region is evaluated (the same place in <c>replay</c> and in the engine, fed the
/// region's site alerts in event order): when site alerts open on one attribute at ≥ max(<see cref="DetectionSettings.MinGroupSites"/>,
/// <see cref="DetectionSettings.MinGroupShare"/> × the region's sites) within <see cref="DetectionSettings.GroupWindow"/>,
/// ONE grouped alert names them (Alertmanager-like). Site alerts that open while the group takes members (until
/// <see cref="DetectionSettings.GroupInterval"/> after its last join; later, a new move forms its own group) join it and are not
/// notified on their own, unless the site is clearly worse than the group (its score below the members' median by at least
/// <see cref="DetectionSettings.MinPeerEffect"/> of the scale) when it joins or at a later update of its alert (then its
/// alert is notified from that update on); the alerts notified before the group formed are folded under it. Each join
/// (and each such promotion) updates the group; it resolves when every member has recovered.
/// </summary>
public sealed class RegionGrouper
{
    private readonly string _regionId;
    private readonly ReferenceCatalog _catalog;
    private readonly DetectionSettings _settings;
    private readonly MoveTracker _tracker;

    public RegionGrouper(string regionId, ReferenceCatalog catalog, DetectionSettings settings)
    {
        (_regionId, _catalog, _settings) = (regionId, catalog, settings);
        var sites = catalog.Sites.Count(s => s.RegionId == regionId);
        var needed = Math.Max(settings.MinGroupSites, settings.MinGroupShare * sites);
        _tracker = new MoveTracker(regionId, settings.GroupWindow, settings.GroupInterval, c => c.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count() >= needed);
    }

    public GroupingState State => _tracker.State;

    /// <summary>Puts back a saved state if it is newer than what the grouper holds (several sites carry a copy).</summary>
    public void Restore(GroupingState state)
    {
        if (state.Version > _tracker.State.Version) _tracker.Restore(state);
    }

    /// <summary>
    /// When the move on the attribute that takes members at <paramref name="at"/> formed, if there is one, it formed within
    /// <see cref="DetectionSettings.GroupJoinHorizon"/> and the site is not in it: the site may be asked whether it fell with it.
    /// </summary>
    public DateTimeOffset? JoinableSince(string attributeId, string siteId, DateTimeOffset at) =>
        _tracker.Taking(attributeId, at) is { } move && at - move.Since <= _settings.GroupJoinHorizon && !move.Members.Any(m => m.Key == siteId)
            ? move.Since
            : null;

    /// <summary>Takes one site alert emission of the region; adds to <paramref name="output"/> what is notified: the site alert (or not) and the group's emission.</summary>
    /// <param name="joinsMove">
    /// The alert opened because its site fell with the move taking members (<see cref="JoinableSince"/>): it joins it
    /// absorbed, as its evidence is the move's. Its later updates may still show it clearly worse than the group.
    /// </param>
    public void Route(Alert alert, List<Alert> output, bool joinsMove = false)
    {
        var attributeId = alert.AttributeId;
        if (alert.Status != AlertStatus.Open)
        {
            var known = _tracker.MemberOf(attributeId, alert.AlertId);
            if (known?.Role == MemberRole.Absorbed && alert.Status == AlertStatus.Updated && _tracker.MoveOf(attributeId, alert.AlertId) is { } move
                && (Worse(alert, move.Members) || Outlasts(move, alert.AlertId)))
            {
                // it got clearly worse than its group, or its group's other sites have all recovered while it still changes
                // (a second irritant on top of the move, or after it): from now on it has its own alert
                output.Add(alert);
                if (_tracker.Change(attributeId, known with { Role = MemberRole.Own, Mean = alert.Score.Mean, Severity = alert.Severity }) is { } promoted) output.Add(Emit(promoted, alert));
                return;
            }
            if (known?.Role != MemberRole.Absorbed) output.Add(alert);
            if (alert.Status == AlertStatus.Resolved && _tracker.Close(attributeId, alert.AlertId) is { } ended) output.Add(Emit(ended, alert));
            return;
        }
        var member = new MoveMember(alert.SiteId, alert.AlertId, alert.RaisedAt, alert.Score.Mean, alert.Score.DissatisfiedPct, alert.Score.Count, alert.Severity,
            [alert.SiteId], [_regionId], MemberRole.Folded);
        var group = _tracker.Taking(attributeId, alert.RaisedAt)?.Members.Append(member).ToList() ?? _tracker.WouldForm(attributeId, member, alert.RaisedAt);
        if (group is null)
        {
            output.Add(alert); // no group (yet): notified on its own, folded under the group if one forms
            _tracker.Open(attributeId, member, alert.RaisedAt);
            return;
        }
        var worse = !joinsMove && Worse(alert, group);
        if (worse) output.Add(alert);
        var change = _tracker.Open(attributeId, member with { Role = worse ? MemberRole.Own : MemberRole.Absorbed }, alert.RaisedAt);
        if (change is { } c) output.Add(Emit(c, alert));
    }

    /// <summary>Every other member of the move has recovered: what the alert says now is no longer the move.</summary>
    private static bool Outlasts(Move move, string alertId) =>
        move.Members.All(m => m.AlertId == alertId || move.Closed.Contains(m.AlertId));

    /// <summary>The site is clearly worse than its group: below the members' median by at least MinPeerEffect of the scale.</summary>
    private bool Worse(Alert alert, IReadOnlyList<MoveMember> group)
    {
        var median = GroupAlerts.Median(group.Select(m => m.Mean));
        return median - alert.Score.Mean >= _settings.MinPeerEffect * _catalog.Attribute(alert.AttributeId).Range;
    }

    private Alert Emit((Move Move, AlertStatus Status) change, Alert cause) =>
        GroupAlerts.Build(change.Move, change.Status, GroupFactor.RegionScope, _catalog, cause.RaisedAt, cause.EmittedAt, cause.Verbatims);
}
