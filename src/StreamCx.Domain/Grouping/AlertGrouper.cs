using System.Security.Cryptography;
using System.Text;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// Groups site alerts that open on the same attribute at many sites of a region (or of the whole network) within
/// <see cref="DetectionSettings.GroupWindow"/> into ONE grouped alert naming the sites, as Alertmanager groups
/// notifications. Fed the site alert emissions in event-time order (<see cref="Alert.RaisedAt"/>), it decides for each
/// site alert, once <see cref="DetectionSettings.GroupWait"/> of event time has passed after it opened (0: at once, so the
/// first few alerts of a move are notified before the group forms), whether it is notified on its own or absorbed in a
/// group; a site clearly worse than its group (its score below the group's median
/// by at least <see cref="DetectionSettings.MinPeerEffect"/> of the scale) is notified on its own too. Pure and
/// deterministic: the same emissions in the same order give the same decisions.
/// </summary>
public sealed class AlertGrouper(ReferenceCatalog catalog, DetectionSettings settings)
{
    private readonly List<Pending> _pending = [];
    private readonly List<Alert> _recentOpens = [];
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal); // by attribute: one move at a time
    private readonly Dictionary<string, int> _sitesPerRegion = catalog.Sites.GroupBy(s => s.RegionId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>What to notify after this emission: site alerts released on their own, and grouped alerts.</summary>
    public sealed record Decisions(IReadOnlyList<Alert> SiteAlerts, IReadOnlyList<GroupedAlert> Groups);

    /// <summary>Site alerts absorbed in a group so far (by alert id).</summary>
    public HashSet<string> Absorbed { get; } = new(StringComparer.Ordinal);

    public Decisions Observe(Alert alert)
    {
        var released = new List<Alert>();
        var groups = new List<GroupedAlert>();
        Release(alert.RaisedAt, released);
        if (alert.Status == AlertStatus.Open)
        {
            _pending.Add(new Pending(alert));
            _recentOpens.RemoveAll(o => alert.RaisedAt - o.RaisedAt > settings.GroupWindow);
            _recentOpens.Add(alert);
            TryGroup(alert, groups);
        }
        else
        {
            if (alert.Status == AlertStatus.Resolved) Resolve(alert, groups);
            // an update or resolution of a site alert notified on its own is notified too
            if (!Absorbed.Contains(alert.AlertId) && !_pending.Exists(p => p.Alert.AlertId == alert.AlertId)) released.Add(alert);
        }
        return new Decisions(released, groups);
    }

    /// <summary>Releases every pending site alert (end of input).</summary>
    public IReadOnlyList<Alert> Flush()
    {
        var released = new List<Alert>();
        Release(DateTimeOffset.MaxValue, released);
        return released;
    }

    private void Release(DateTimeOffset now, List<Alert> released)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            var p = _pending[i];
            if (now - p.Alert.RaisedAt < settings.GroupWait) continue;
            if (!Absorbed.Contains(p.Alert.AlertId)) released.Add(p.Alert);
            _pending.RemoveAt(i--);
        }
    }

    /// <summary>
    /// Joins the attribute's active group, or forms one when enough sites opened on the attribute within the window: a
    /// share of one region's sites, or of the network's. The group's scope is the region when all its sites are in one,
    /// else the network; sites that open later on the attribute join it while it is active (until all have recovered).
    /// </summary>
    private void TryGroup(Alert alert, List<GroupedAlert> groups)
    {
        if (_groups.TryGetValue(alert.AttributeId, out var group))
        {
            Join(group, alert);
            return;
        }
        var inWindow = _recentOpens.Where(o => o.AttributeId == alert.AttributeId).ToList();
        var network = inWindow.Select(a => a.SiteId).Distinct(StringComparer.Ordinal).Count();
        var regionMove = inWindow.GroupBy(a => a.RegionId).Any(g =>
            g.Select(a => a.SiteId).Distinct(StringComparer.Ordinal).Count() >= Math.Max(settings.MinGroupSites, settings.MinGroupShare * _sitesPerRegion.GetValueOrDefault(g.Key)));
        if (!regionMove && network < Math.Max(settings.MinGroupSites, settings.MinGroupShare * catalog.Sites.Count)) return;
        var regions = inWindow.Select(a => a.RegionId).Distinct(StringComparer.Ordinal).ToList();
        var scope = regions.Count == 1 ? $"region:{regions[0]}" : "network";
        var id = "grp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{alert.AttributeId}\u0000{alert.RaisedAt.UtcTicks}")).AsSpan(0, 8));
        group = new Group(id, scope, alert.AttributeId, alert.RaisedAt);
        _groups[alert.AttributeId] = group;
        foreach (var member in inWindow) Join(group, member);
        var label = catalog.TryGetAttribute(alert.AttributeId, out var a) ? a.Label : alert.AttributeId;
        var names = group.Members.Values.Select(m => m.SiteName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var where = regions.Count == 1 ? $"in region {regions[0]} ({_sitesPerRegion.GetValueOrDefault(regions[0])} sites)" : $"in {regions.Count} regions";
        groups.Add(new GroupedAlert(id, AlertStatus.Open, scope, alert.AttributeId, group.Members.Keys.Order(StringComparer.Ordinal).ToList(), alert.RaisedAt,
            $"{label} fell at {names.Count} sites at once {where}: {string.Join(", ", names)}; sites clearly worse than the others keep their own alert."));
    }

    /// <summary>Adds a site alert to a group; it is absorbed (not notified on its own) if it is still pending and not clearly worse.</summary>
    private void Join(Group group, Alert alert)
    {
        group.Members[alert.SiteId] = alert;
        if (!_pending.Exists(p => p.Alert.AlertId == alert.AlertId)) return; // already notified on its own
        var means = group.Members.Values.Select(m => m.Score.Mean).Order().ToArray();
        var median = means[means.Length / 2];
        var range = catalog.TryGetAttribute(alert.AttributeId, out var a) ? a.Range : 1;
        // a site clearly worse than its group keeps its own alert
        if (median - alert.Score.Mean >= settings.MinPeerEffect * range) return;
        Absorbed.Add(alert.AlertId);
    }

    private void Resolve(Alert alert, List<GroupedAlert> groups)
    {
        foreach (var (key, group) in _groups.ToList()) // ToList: a resolved group is removed while walking
        {
            if (!group.Members.TryGetValue(alert.SiteId, out var member) || member.AlertId != alert.AlertId) continue;
            group.Resolved.Add(alert.SiteId);
            if (group.Resolved.Count < group.Members.Count) continue;
            _groups.Remove(key);
            groups.Add(new GroupedAlert(group.Id, AlertStatus.Resolved, group.Scope, group.AttributeId, group.Members.Keys.Order(StringComparer.Ordinal).ToList(), alert.RaisedAt,
                $"The move on {group.AttributeId} ({group.Scope}) is over: every site has recovered."));
        }
    }

    private sealed record Pending(Alert Alert);

    private sealed class Group(string id, string scope, string attributeId, DateTimeOffset openedAt)
    {
        public string Id { get; } = id;
        public string Scope { get; } = scope;
        public string AttributeId { get; } = attributeId;
        public DateTimeOffset OpenedAt { get; } = openedAt;
        public Dictionary<string, Alert> Members { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Resolved { get; } = new(StringComparer.Ordinal);
    }
}
