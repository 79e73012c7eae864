using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// The journey family of the demo: customers' journeys (<see cref="CustomerJourneys"/>, a watermelon among them
/// regularly) and B2B accounts' relationship surveys (<see cref="AccountSurveys"/>, one account diverging), in event
/// time. <see cref="Until"/> hands over, in event order, every message due by a time; the same seed and settings give the
/// same messages however the time is stepped.
/// </summary>
public sealed class JourneySimulator
{
    private readonly ScriptedSource[] _sources;
    private readonly PriorityQueue<SimulatedMessage, SimulatedMessage> _due = new(SimulatedMessage.EventOrder);

    public JourneySimulator(ReferenceCatalog catalog, SimulatorSettings settings, DateTimeOffset from)
    {
        _sources =
        [
            new CustomerJourneys(catalog, settings.Seed, settings.JourneysPerHour, settings.WatermelonEvery, from),
            new AccountSurveys(catalog, settings.Seed, settings.AccountSurveysPerHour, from),
        ];
    }

    /// <summary>The messages due at or before <paramref name="upTo"/> not handed over yet, in event order.</summary>
    public IReadOnlyList<SimulatedMessage> Until(DateTimeOffset upTo)
    {
        foreach (var source in _sources)
        {
            while (source.NextStart <= upTo)
                foreach (var m in source.StartNext()) _due.Enqueue(m, m);
        }
        if (!_due.TryPeek(out var first, out _) || first.At > upTo) return [];
        var due = new List<SimulatedMessage>();
        while (_due.TryPeek(out var next, out _) && next.At <= upTo) due.Add(_due.Dequeue());
        return due;
    }
}
