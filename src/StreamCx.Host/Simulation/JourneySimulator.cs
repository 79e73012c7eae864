using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// The journey family of the demo: customers' journeys (<see cref="CustomerJourneys"/>, a watermelon among them
/// regularly) and B2B accounts' relationship surveys (<see cref="AccountSurveys"/>, one account diverging), in event
/// time. <see cref="Until"/> hands over, in event order, every message due by a time; the same seed and settings give the
/// same messages however the time is stepped.
/// </summary>
public sealed class JourneySimulator(ReferenceCatalog catalog, SimulatorSettings settings, DateTimeOffset from)
{
    private readonly SimulatedSchedule _schedule = new(
    [
        new CustomerJourneys(catalog, settings.Seed, settings.JourneysPerHour, settings.WatermelonEvery, from),
        new AccountSurveys(catalog, settings.Seed, settings.AccountSurveysPerHour, from),
    ]);

    /// <summary>The messages due at or before <paramref name="upTo"/> not handed over yet, in event order.</summary>
    public IReadOnlyList<SimulatedMessage> Until(DateTimeOffset upTo) => _schedule.Until(upTo);
}
