namespace StreamCx.Perf.Detection.Scoring;

/// <summary>One irritant's outcome: detected or not, how long after onset, and at what fraction of its ramp.</summary>
public sealed record Detection(string Kind, string SiteId, string AttributeId, bool Detected, double HoursToDetect, double RampFraction, double Severity);

/// <summary>A false open: an alert opened outside every irritant of its site-attribute, with what it happened during.</summary>
/// <param name="Absorbed">Absorbed in a grouped alert (not notified on its own).</param>
public sealed record FalseOpen(string SiteId, string AttributeId, DateTimeOffset RaisedAt, string Context, string Factors, string Explanation, bool Absorbed = false);

/// <summary>A grouped alert and what it happened during: a labelled group move, else the context of its first site.</summary>
public sealed record GroupOutcome(string Scope, string AttributeId, int Sites, DateTimeOffset RaisedAt, string Context);

/// <summary>What one seed gave.</summary>
public sealed record SeedResult(
    int Seed, int Events, double SiteAttributeDays, IReadOnlyList<Detection> Detections, IReadOnlyList<FalseOpen> FalseOpens,
    int GroupedAlerts, IReadOnlyDictionary<string, int> SiteOpensPerGroupMove, double ProcessSeconds, IReadOnlyList<GroupOutcome> Groups);
