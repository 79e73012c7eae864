using System.Collections.Concurrent;
using System.Text;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;

namespace StreamCx.Engine.Tests.Journeys;

/// <summary>What the journeys' engine tests share: a catalog, an alert recorder, and replay's answer for the same messages.</summary>
public static class JourneyFixtures
{
    public static readonly ReferenceCatalog Catalog = new(
        [new Site("s1", "Site 1", "north"), new Site("s2", "Site 2", "north")],
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)],
        [new Department("support", "Support"), new Department("field-service", "Field service"), new Department("central-support", "Central support")]);

    /// <summary>The alert as JSON but for its wall-clock <c>emittedAt</c>, the one field that may differ.</summary>
    public static string WithoutEmittedAt(Alert a) => ContractJson.Serialize(a with { EmittedAt = DateTimeOffset.UnixEpoch });

    public static bool OfJourneys(Alert a) => a.Factors.Any(f => f is WatermelonFactor or DivergenceFactor);

    /// <summary>
    /// The messages through one processor in event order, as replay applies them (<paramref name="flush"/>: and what is
    /// still held at the end, as replay does).
    /// </summary>
    public static List<string> Replayed(FeedbackParser parser, TimeProvider clock, IEnumerable<string> messages, bool flush)
    {
        var processor = new JourneyProcessor(Catalog, new JourneySettings(), clock);
        var outcomes = messages.Select(m => parser.Parse(Encoding.UTF8.GetBytes(m)))
            .OrderBy(o => o.Event?.OccurredAt ?? o.Signal!.OccurredAt).ThenBy(o => o.Event?.EventId ?? o.Signal!.EventId, StringComparer.Ordinal);
        var alerts = new List<Alert>();
        foreach (var o in outcomes) alerts.AddRange(o.Signal is { } s ? processor.Process(s) : processor.Process(o.Event!));
        if (flush) alerts.AddRange(processor.Flush());
        return alerts.Select(WithoutEmittedAt).ToList();
    }

    public sealed class Recorder(TimeProvider clock) : IAlertPublisher
    {
        public ConcurrentQueue<Alert> Alerts { get; } = new();

        public TimeProvider Clock { get; } = clock;

        public void Publish(Alert alert) => Alerts.Enqueue(alert);
    }
}
