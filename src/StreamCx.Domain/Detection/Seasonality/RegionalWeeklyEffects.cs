namespace StreamCx.Domain.Detection.Seasonality;

/// <summary>
/// The seasonal profiles of one attribute at every site of a region, in site-id order: the members whose weekly slots
/// are pooled into the region's weekly effect (<see cref="SeasonalProfile"/>'s hierarchical prior). A usual Saturday
/// afternoon seen at ten sites is believed after one week where one site's own week is half-believed.
/// </summary>
public sealed class RegionalWeeklyEffects
{
    private readonly List<(string SiteId, SeasonalProfile Profile)> _members = [];

    /// <summary>The members in site-id order (the pooled sums are added in this order: the same result however they joined).</summary>
    public int Count => _members.Count;

    public SeasonalProfile this[int index] => _members[index].Profile;

    /// <summary>Adds a site's profile (replacing a previous one of the same site) and points the profile at the region.</summary>
    public void Join(string siteId, SeasonalProfile profile)
    {
        Leave(siteId);
        var at = 0;
        while (at < _members.Count && string.CompareOrdinal(_members[at].SiteId, siteId) < 0) at++;
        _members.Insert(at, (siteId, profile));
        profile.ShareWith(this);
    }

    /// <summary>Takes a site's profile out (the site moved to another owner).</summary>
    public void Leave(string siteId)
    {
        var at = _members.FindIndex(m => m.SiteId == siteId);
        if (at < 0) return;
        _members[at].Profile.ShareWith(null);
        _members.RemoveAt(at);
    }
}
