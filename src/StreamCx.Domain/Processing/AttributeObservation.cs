namespace StreamCx.Domain.Processing;

/// <summary>One rating of one attribute, cut out of a feedback event.</summary>
public readonly record struct AttributeObservation(
    string AttributeId, string EventId, DateTimeOffset OccurredAt, string Channel, double Value, int? Nps, string? Comment);
