namespace StreamCx.Perf.Detection.Scoring;

/// <summary>One irritant's outcome: detected or not, how long after onset, and at what fraction of its ramp.</summary>
/// <param name="BoundZ">The data's evidence by the kind's deadline, whatever the detector (<see cref="InformationBound"/>); NaN for kinds without one.</param>
/// <param name="Note">For the listing (DETECTION_BENCH_LIST=1): the irritant's ramp and onset, and the first emission's factors.</param>
public sealed record Detection(string Kind, string SiteId, string AttributeId, bool Detected, double HoursToDetect, double RampFraction, double Severity, string Note = "", double BoundZ = double.NaN);

/// <summary>A false open: an alert opened outside every irritant of its site-attribute, with what it happened during.</summary>
/// <param name="Folded">Notified before a group formed, and folded under it by that group.</param>
public sealed record FalseOpen(string SiteId, string AttributeId, DateTimeOffset RaisedAt, string Context, string Factors, string Explanation, bool Folded = false, double PeakRate = 0);

/// <summary>A grouped alert and what it happened during: a labelled group move, else the context of its first site; top level unless a network group folds it.</summary>
public sealed record GroupOutcome(string Scope, string AttributeId, int Sites, DateTimeOffset RaisedAt, string Context, bool DuringMove, bool TopLevel);

/// <summary>What one seed gave.</summary>
public sealed record SeedResult(
    int Seed, int Events, double SiteAttributeDays, IReadOnlyList<Detection> Detections, IReadOnlyList<FalseOpen> FalseOpens,
    IReadOnlyDictionary<string, int> SiteOpensPerGroupMove, double ProcessSeconds, IReadOnlyList<GroupOutcome> Groups, Naming Naming)
{
    /// <summary>
    /// False alarms a manager sees at the top of the page: false site opens not folded under a group, and groups opened
    /// outside every labelled move that no network group folds.
    /// </summary>
    public int FalseNotified => FalseOpens.Count(f => !f.Folded) + Groups.Count(g => g.TopLevel && !g.DuringMove);
}

/// <summary>
/// The sites region groups named (each group's first naming of a site), and of those the ones where nothing moved: no
/// irritant of that site-attribute around the naming and no usual pattern, holiday, promotion or closure then ("other").
/// </summary>
public readonly record struct Naming(int Named, int WhereNothingMoved);
