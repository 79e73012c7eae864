using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Simulation;

namespace StreamCx.Host.Tests.Simulation;

/// <summary>
/// The journey simulator run for a simulated period against the shipped catalogs (copied beside the tests), what it
/// produced parsed by the real <see cref="FeedbackParser"/> and applied by the domain's <see cref="JourneyProcessor"/>.
/// </summary>
public sealed class SimulatedJourneys
{
    public static readonly DateTimeOffset From = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public static ReferenceCatalog Catalog { get; } = ReferenceDataLoader.Load(Config("sites.json"), Config("attributes.json"), Config("departments.json"));

    private SimulatedJourneys(IReadOnlyList<SimulatedMessage> messages, IReadOnlyList<ParseOutcome> parsed, IReadOnlyList<Alert> alerts)
    {
        Messages = messages;
        Parsed = parsed;
        Alerts = alerts;
    }

    public IReadOnlyList<SimulatedMessage> Messages { get; }

    /// <summary>Each message's parse, in production order.</summary>
    public IReadOnlyList<ParseOutcome> Parsed { get; }

    /// <summary>Every journey and account alert emission, in order (the processor flushed at the end).</summary>
    public IReadOnlyList<Alert> Alerts { get; }

    public IEnumerable<FeedbackEvent> Surveys => Parsed.Select(p => p.Event).OfType<FeedbackEvent>();

    public IEnumerable<JourneySignal> Signals => Parsed.Select(p => p.Signal).OfType<JourneySignal>();

    /// <summary>Runs the simulator from <see cref="From"/> for <paramref name="period"/>, asking for what is due every <paramref name="step"/>.</summary>
    public static IReadOnlyList<SimulatedMessage> Produce(SimulatorSettings settings, TimeSpan period, TimeSpan step)
    {
        var simulator = new JourneySimulator(Catalog, settings, From);
        var messages = new List<SimulatedMessage>();
        for (var t = From + step; t <= From + period; t += step) messages.AddRange(simulator.Until(t));
        return messages;
    }

    public static SimulatedJourneys Run(SimulatorSettings settings, TimeSpan period)
    {
        var messages = Produce(settings, period, TimeSpan.FromMinutes(1));
        var clock = new FakeTimeProvider(From + period + TimeSpan.FromDays(1));
        var parser = new FeedbackParser(Catalog, new ParserLimits(), clock);
        var parsed = messages.Select(m => parser.Parse(m.Value)).ToList();
        var processor = new JourneyProcessor(Catalog, new JourneySettings(), clock);
        var alerts = new List<Alert>();
        foreach (var p in parsed)
        {
            if (p.Event is { } e) alerts.AddRange(processor.Process(e));
            else if (p.Signal is { } s) alerts.AddRange(processor.Process(s));
        }
        alerts.AddRange(processor.Flush());
        return new SimulatedJourneys(messages, parsed, alerts);
    }

    private static string Config(string fileName) => Path.Combine(AppContext.BaseDirectory, "config", fileName);
}
