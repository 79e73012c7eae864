using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// One alert for a move seen at many sites at once on one attribute (Alertmanager-like grouping): its scope
/// (<c>region:&lt;id&gt;</c> or <c>network</c>), the sites it names, when it opened, and a sentence naming them.
/// </summary>
public sealed record GroupedAlert(
    string GroupId, AlertStatus Status, string Scope, string AttributeId, IReadOnlyList<string> SiteIds, DateTimeOffset RaisedAt, string Explanation);
