using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Journeys.Indicators;

/// <summary>Which of a journey's readings were given (at most one of each per journey).</summary>
[Flags]
public enum JourneyReadingsTaken : byte
{
    None = 0,
    Settled = 1,
    Agreement = 2,
}

/// <summary>
/// A journey's readings of the journey indicators (<see cref="JourneyIndicatorAttributes"/>), as feedback of its site at
/// the event time they became known, so the detectors can watch them like survey attributes. Each is given once:
/// <list type="bullet">
/// <item>settled: when the journey first turns red (not red 0; not a watermelon 0 or 10), or when it is closed resolved
/// without having turned red (10 and 10);</item>
/// <item>agreement: when it first has both interaction scores and a journey score.</item>
/// </list>
/// Each is given to the journey's site and its region (none without a site of the catalog; as <see
/// cref="JourneyIndicatorAttributes.RegionSite"/>) and to each department of the catalog that handled it (as <see
/// cref="JourneyIndicatorAttributes.DepartmentSite"/>: a journey counts in each of its departments). Pure and
/// deterministic in event time: the journeys' channels give, together, the readings one processor gives, each with an id
/// of its journey (<c>journey:&lt;id&gt;:settled</c>, <c>…:settled@region</c>, <c>…:settled@&lt;department&gt;</c>).
/// </summary>
public sealed class JourneyReadings(JourneySettings settings, ReferenceData.ReferenceCatalog catalog)
{
    public const string Channel = "journey";

    private readonly List<FeedbackEvent> _given = [];

    /// <summary>Readings given since the last call, in the order given.</summary>
    public IReadOnlyList<FeedbackEvent> Take()
    {
        if (_given.Count == 0) return [];
        var taken = _given.ToArray();
        _given.Clear();
        return taken;
    }

    /// <summary>Looks at the journey at event time <paramref name="now"/> (after it changed, or a deadline of it passed).</summary>
    public void Evaluate(JourneyState j, long now)
    {
        if (!j.ReadingsTaken.HasFlag(JourneyReadingsTaken.Settled))
        {
            var rules = RedRules.Evaluate(j, now, settings);
            if (rules != RedRule.None)
            {
                var watermelon = RedRules.IsWatermelon(j, rules, settings);
                Give(j, now, JourneyReadingsTaken.Settled, new() { [JourneyIndicatorAttributes.NotRed] = 0, [JourneyIndicatorAttributes.NotWatermelon] = watermelon ? 0 : 10 });
            }
            else if (j.Outcome == JourneyOutcome.Resolved)
            {
                Give(j, now, JourneyReadingsTaken.Settled, new() { [JourneyIndicatorAttributes.NotRed] = 10, [JourneyIndicatorAttributes.NotWatermelon] = 10 });
            }
        }
        if (!j.ReadingsTaken.HasFlag(JourneyReadingsTaken.Agreement) && j.Rated > 0 && j.JourneyScore is { } journey)
        {
            var agreement = Math.Clamp(10 - (j.MeanInteractionScore - journey), 0, 10);
            Give(j, now, JourneyReadingsTaken.Agreement, new() { [JourneyIndicatorAttributes.Agreement] = Math.Round(agreement, 4) });
        }
    }

    private void Give(JourneyState j, long now, JourneyReadingsTaken which, Dictionary<string, double> values)
    {
        j.ReadingsTaken |= which;
        var id = "journey:" + j.JourneyId + (which == JourneyReadingsTaken.Settled ? ":settled" : ":agreement");
        if (j.SiteId is not null) Add(id, j.SiteId);
        if (j.SiteId is not null && catalog.TryGetSite(j.SiteId, out var site)) Add(id + "@region", JourneyIndicatorAttributes.RegionSite(site.RegionId));
        foreach (var department in j.Departments)
            if (catalog.IsKnownDepartment(department)) Add(id + "@" + department, JourneyIndicatorAttributes.DepartmentSite(department));

        void Add(string eventId, string siteId) => _given.Add(new FeedbackEvent(eventId, new DateTimeOffset(now, TimeSpan.Zero), siteId, Channel, values)
        {
            JourneyId = j.JourneyId, CustomerId = j.CustomerId, AccountId = j.AccountId,
        });
    }
}
