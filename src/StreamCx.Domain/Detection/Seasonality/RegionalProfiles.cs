namespace StreamCx.Domain.Detection.Seasonality;

/// <summary>
/// The seasonal profiles of one attribute at every site of a region, in site-id order, and what they pool
/// (<see cref="SeasonalProfile"/>'s hierarchical prior): the region's weekly effect per local hour of the week — a usual
/// Saturday afternoon seen at ten sites is believed after one week where one site's own week is half-believed — and the
/// region's daily shape per local hour of the day, which a site-attribute in its learning days borrows for the hours it has
/// not learned: a new site expects the region's lunch dip from its first day.
/// </summary>
/// <remarks>
/// Both are always those of the members' current slots: when a member learns an hour, the seven hours of the week sharing
/// its hour of the day, and the day's 24 hours (the member's level moved), are summed again over the members in site-id
/// order (O(31 m)), so they are the same whatever order the members learned or were restored in. A member reads the
/// tables when it learns or closes an hour (O(192)). An hour's shape is the mean, over the members that learned it, of how
/// far it sits from their level; it is known once <see cref="DetectionSettings.MinProfileSites"/> members have.
/// </remarks>
public sealed class RegionalProfiles(int minSites = 2)
{
    private readonly List<(string SiteId, SeasonalProfile Profile)> _members = [];
    private readonly double[] _effects = new double[SeasonalProfile.HoursPerWeek];
    private readonly double?[] _shape = new double?[SeasonalProfile.HoursPerDay];

    public int Count => _members.Count;

    /// <summary>The region's weekly effect per local hour of the week.</summary>
    public IReadOnlyList<double> Effects => _effects;

    /// <summary>The region's daily shape per local hour of the day: how far the hour sits from a site's level (null: not known).</summary>
    public IReadOnlyList<double?> DailyShape => _shape;

    /// <summary>Adds a site's profile (replacing a previous one of the same site) and points the profile at the region.</summary>
    public void Join(string siteId, SeasonalProfile profile)
    {
        Remove(siteId);
        var at = 0;
        while (at < _members.Count && string.CompareOrdinal(_members[at].SiteId, siteId) < 0) at++;
        _members.Insert(at, (siteId, profile));
        profile.ShareWith(this);
        Recompute();
    }

    /// <summary>Takes a site's profile out (the site moved to another owner).</summary>
    public void Leave(string siteId)
    {
        if (Remove(siteId)) Recompute();
    }

    /// <summary>A member's slots of one local hour of the day changed: the seven hours of the week sharing it are pooled again.</summary>
    internal void Changed(int hourOfDay)
    {
        for (var how = hourOfDay; how < SeasonalProfile.HoursPerWeek; how += SeasonalProfile.HoursPerDay) _effects[how] = Pool(how);
        PoolShape();
    }

    /// <summary>Every hour of the week pooled again (a member joined, left or was restored).</summary>
    internal void Recompute()
    {
        for (var how = 0; how < SeasonalProfile.HoursPerWeek; how++) _effects[how] = Pool(how);
        PoolShape();
    }

    private void PoolShape()
    {
        for (var hour = 0; hour < SeasonalProfile.HoursPerDay; hour++)
        {
            double sum = 0;
            var n = 0;
            foreach (var (_, profile) in _members)
            {
                if (profile.OwnOffset(hour) is not { } offset) continue;
                sum += offset;
                n++;
            }
            _shape[hour] = n >= minSites && n > 0 ? sum / n : null;
        }
    }

    private double Pool(int hourOfWeek)
    {
        if (_members.Count == 0) return 0;
        var acc = default(SeasonalProfile.PooledSums);
        foreach (var (_, profile) in _members) profile.AddTo(ref acc, hourOfWeek);
        return _members[0].Profile.Shrink(acc);
    }

    private bool Remove(string siteId)
    {
        var at = _members.FindIndex(m => m.SiteId == siteId);
        if (at < 0) return false;
        _members[at].Profile.ShareWith(null);
        _members.RemoveAt(at);
        return true;
    }
}
