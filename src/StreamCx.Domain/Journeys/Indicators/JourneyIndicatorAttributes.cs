using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Journeys.Indicators;

/// <summary>
/// The journey indicators as attributes of a site, on 0..10 (higher is better), so the detectors that watch the survey
/// attributes (trend, peer, expectation) watch them too: each journey gives one reading of each when it settles (<see
/// cref="JourneyReadings"/>), and a site's mean is then the share of its journeys that were not red (× 10), not
/// watermelons, and how well the journey score agreed with its interaction scores.
/// </summary>
public static class JourneyIndicatorAttributes
{
    /// <summary>10 when a journey closed resolved without turning red, 0 when it turned red: the mean is 10 × (1 − red share).</summary>
    public const string NotRed = "journeys-not-red";

    /// <summary>0 when a journey turned red while its interactions were rated well (a watermelon), else 10.</summary>
    public const string NotWatermelon = "journeys-not-watermelon";

    /// <summary>10 − the gap between the mean interaction score and the journey score (when the journey scored lower), 0..10.</summary>
    public const string Agreement = "journey-score-agreement";

    public static readonly IReadOnlyList<AttributeDefinition> All =
    [
        new(NotRed, "Journeys not red", 0, 10, 5),
        new(NotWatermelon, "Journeys not watermelons", 0, 10, 5),
        new(Agreement, "Journey score agreeing with interactions", 0, 10, 6),
    ];

    public static bool IsIndicator(string attributeId) => attributeId is NotRed or NotWatermelon or Agreement;

    /// <summary>
    /// The least spread the indicators are taken to have, as a fraction of their scale: 0.2 (2 points of 10), the spread of
    /// readings with one red journey in twenty (10 × √(0.05 × 0.95) ≈ 2.2). A site whose journeys were all green so far
    /// then needs several red ones, not one, to show a fall.
    /// </summary>
    public const double SpreadFloor = 0.2;

    /// <summary>The detection settings the indicators are watched with: the deployment's, with the spreads floored at <see cref="SpreadFloor"/>.</summary>
    public static DetectionSettings Watched(DetectionSettings settings) => settings with
    {
        TrendSpreadFloor = Math.Max(settings.TrendSpreadFloor, SpreadFloor),
        ProfileSpreadFloor = Math.Max(settings.ProfileSpreadFloor, SpreadFloor),
        PeerSpreadFloor = Math.Max(settings.PeerSpreadFloor, SpreadFloor),
    };

    /// <summary>
    /// The region of the departments' watch: each department of the catalog is watched as a site of it (<see
    /// cref="DepartmentSite"/>), so its journeys' indicators have their trend and expectation, and the departments are
    /// each other's peers.
    /// </summary>
    public const string DepartmentsRegion = "(departments)";

    /// <summary>The region of the regions' watch: each region of the catalog is watched as a site of it (<see cref="RegionSite"/>), the other regions its peers.</summary>
    public const string RegionsRegion = "(regions)";

    private const string DepartmentPrefix = "(department)";
    private const string RegionPrefix = "(region)";

    /// <summary>The site id under which a region's journey indicators are watched (all its sites' journeys together).</summary>
    public static string RegionSite(string regionId) => RegionPrefix + regionId;

    /// <summary>The site id under which a department's journey indicators are watched (no site id of a catalog starts with a parenthesis).</summary>
    public static string DepartmentSite(string departmentId) => DepartmentPrefix + departmentId;

    /// <summary>Whether the site id is a department's (<see cref="DepartmentSite"/>).</summary>
    public static bool IsDepartmentSite(string siteId) => siteId.StartsWith(DepartmentPrefix, StringComparison.Ordinal);

    /// <summary>Whether the site id is a department's or a region's: not a site of the catalog.</summary>
    public static bool IsGroupSite(string siteId) => IsDepartmentSite(siteId) || siteId.StartsWith(RegionPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The catalog the indicators are watched with: the deployment's sites and regions, each department of the catalog as a
    /// site of <see cref="DepartmentsRegion"/> (named "Support (department)"), and each region as a site of <see
    /// cref="RegionsRegion"/> (named "north (region)"); the indicators as its attributes.
    /// </summary>
    public static ReferenceCatalog CatalogFrom(ReferenceCatalog catalog)
    {
        var departments = catalog.Departments.Select(d => new Site(DepartmentSite(d.DepartmentId), $"{d.Label} (department)", DepartmentsRegion));
        var regions = catalog.Regions.Select(r => new Site(RegionSite(r), $"{r} (region)", RegionsRegion));
        return new(catalog.Sites.Concat(departments.Concat(regions).Where(g => !catalog.TryGetSite(g.SiteId, out _))), All, catalog.Departments) { Listening = catalog.Listening };
    }
}
