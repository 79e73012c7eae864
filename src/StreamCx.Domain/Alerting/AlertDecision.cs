using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;

namespace StreamCx.Domain.Alerting;

/// <summary>What the lifecycle decided to emit; <see cref="AlertComposer"/> turns it into an <see cref="Alert"/>.</summary>
public sealed record AlertDecision(
    AlertStatus Status,
    string AlertId,
    int Sequence,
    double Severity,
    SeverityLevel Level,
    IReadOnlyList<Signal> Signals,
    ImportanceFactor? Importance,
    DateTimeOffset RaisedAt,
    double NormalLevel,
    double WorstLevel);
