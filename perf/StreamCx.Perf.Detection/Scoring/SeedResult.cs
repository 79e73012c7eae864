namespace StreamCx.Perf.Detection.Scoring;

/// <summary>One irritant's outcome: detected or not, how long after onset, and at what fraction of its ramp.</summary>
public sealed record Detection(string Kind, string SiteId, string AttributeId, bool Detected, double HoursToDetect, double RampFraction, double Severity);

/// <summary>A false open: an alert opened outside every irritant of its site-attribute, with what it happened during.</summary>
public sealed record FalseOpen(string SiteId, string AttributeId, DateTimeOffset RaisedAt, string Context, string Factors, string Explanation);

/// <summary>What one seed gave.</summary>
public sealed record SeedResult(
    int Seed, int Events, double SiteAttributeDays, IReadOnlyList<Detection> Detections, IReadOnlyList<FalseOpen> FalseOpens,
    int GroupedAlerts, IReadOnlyDictionary<string, int> SiteOpensPerGroupMove, double ProcessSeconds);
