using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// Staff in contact with customers report what they hear, at random sites: by a role of the catalog, on an attribute (four
/// in five) or a free topic, mostly positive; about a third negative (those count towards the <c>internal</c> factor).
/// </summary>
public sealed class StaffReports(ReferenceCatalog catalog, int seed, double perSitePerHour, DateTimeOffset from)
    : ScriptedSource(unchecked((seed * 31) + 6), perSitePerHour * catalog.Sites.Count, from)
{
    private readonly string[] _roles = Roles(catalog);

    /// <summary>The catalog's reporter roles, or the shipped ones without a catalog.</summary>
    public static string[] Roles(ReferenceCatalog catalog) =>
        catalog.Listening.ReporterRoles.Count > 0 ? [.. catalog.Listening.ReporterRoles.Select(r => r.RoleId)] : ["sales", "cashier", "store-manager", "support"];

    protected override IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start)
    {
        var site = Rnd.Choose(catalog.Sites);
        var role = Rnd.Choose(_roles);
        var isTopic = Rnd.NextDouble() < 0.2;
        var subject = isTopic ? Rnd.Choose(ListeningTexts.Topics) : Rnd.Choose(catalog.Attributes).AttributeId;
        var negative = Rnd.NextDouble() < 0.35;
        var sentiment = negative ? -0.2 - (0.6 * Rnd.NextDouble()) : 0.2 + (0.7 * Rnd.NextDouble());
        var text = Rnd.Choose(negative ? ListeningTexts.StaffNegative : ListeningTexts.StaffPositive);
        return [ListeningMessages.StaffReport($"sim-{seed}-r{index}", start, site, role, subject, isTopic, sentiment, text)];
    }
}
