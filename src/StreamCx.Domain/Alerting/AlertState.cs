using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Alerting;

/// <summary>The open alert of one site-attribute, as the lifecycle remembers it (and as it is snapshotted).</summary>
public sealed record AlertState(
    string AlertId,
    DateTimeOffset OpenedAt,
    int Sequence,
    double Severity,
    SeverityLevel Level,
    SeverityLevel PeakLevel,
    IReadOnlyList<FactorKind> Kinds,
    DateTimeOffset LastEmittedAt,
    double NormalLevel,
    double WorstLevel,
    DateTimeOffset? RecoveringSince);
