using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Listening;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Simulation;

namespace StreamCx.Host.Tests.Simulation;

/// <summary>
/// The demo's first simulated hours as <c>run</c> produces them — the listening simulator from days before, the channel
/// simulator's feedback over a day of history and a few live hours, its waiting-time irritant starting 3 h before the live
/// start — parsed by the real <see cref="FeedbackParser"/> against the shipped catalogs and run through the
/// <see cref="ListeningProcessor"/> as <c>replay</c> does (listening messages in event order, every feedback observed), the
/// feedback through the sites' <see cref="FeedbackProcessor"/> too, with the incidents and mentions of a site merged in event
/// order (its survey alerts in <see cref="SurveyAlerts"/>).
/// </summary>
public sealed class SimulatedListening
{
    public static readonly DateTimeOffset From = SimulatedJourneys.From;
    public static readonly DateTimeOffset LiveStart = From.AddHours(24);
    public static readonly DateTimeOffset IrritantStart = LiveStart.AddHours(-3);

    public static ReferenceCatalog Catalog { get; } = ReferenceDataLoader.Load(Config("sites.json"), Config("attributes.json"), Config("departments.json"),
        new ListeningFiles(Config("complaint-reasons.json"), Config("incident-types.json"), Config("reporter-roles.json"), Config("platforms.json")));

    private SimulatedListening(
        ListeningSimulator simulator, IReadOnlyList<SimulatedMessage> messages, IReadOnlyList<ParseOutcome> parsed, IReadOnlyList<Alert> alerts, ListeningProcessor processor,
        FeedbackProcessor sites, IReadOnlyList<Alert> surveyAlerts)
    {
        (Simulator, Messages, Parsed, Alerts, Processor, Sites, SurveyAlerts) = (simulator, messages, parsed, alerts, processor, sites, surveyAlerts);
    }

    public ListeningSimulator Simulator { get; }

    public IReadOnlyList<SimulatedMessage> Messages { get; }

    public IReadOnlyList<ParseOutcome> Parsed { get; }

    /// <summary>Every listening alert emission, in order.</summary>
    public IReadOnlyList<Alert> Alerts { get; }

    public ListeningProcessor Processor { get; }

    /// <summary>The sites' processor the feedback went through (their intakes, units included).</summary>
    public FeedbackProcessor Sites { get; }

    /// <summary>Every survey alert emission of the feedback, in order.</summary>
    public IReadOnlyList<Alert> SurveyAlerts { get; }

    public IEnumerable<ListeningEvent> Listening => Parsed.Select(p => p.Listening).OfType<ListeningEvent>();

    public static ListeningSimulator NewSimulator(SimulatorSettings settings) =>
        new(Catalog, settings, new ChannelSimulator(Catalog, settings.Seed, IrritantStart), From);

    /// <summary>The listening messages from <see cref="From"/> (the first call hands over those before it) to <paramref name="to"/>, asked every <paramref name="step"/>.</summary>
    public static IReadOnlyList<SimulatedMessage> Produce(SimulatorSettings settings, DateTimeOffset to, TimeSpan step)
    {
        var simulator = NewSimulator(settings);
        var messages = new List<SimulatedMessage>();
        for (var t = From + step; t <= to; t += step) messages.AddRange(simulator.Until(t));
        return messages;
    }

    /// <summary>Runs the demo from <see cref="From"/> to <paramref name="to"/>: listening messages and <c>responsesPerSitePerHour</c> feedback (0: none), as the simulator service does.</summary>
    public static SimulatedListening Run(SimulatorSettings settings, DateTimeOffset to, double responsesPerSitePerHour = 40)
    {
        var messages = Produce(settings, to, TimeSpan.FromMinutes(1));
        var clock = new FakeTimeProvider(to + TimeSpan.FromDays(1));
        var parser = new FeedbackParser(Catalog, new ParserLimits(), clock);
        var parsed = messages.Select(m => parser.Parse(m.Value)).ToList();
        var processor = new ListeningProcessor(Catalog, new ComplaintSettings(), clock);
        var alerts = parsed.Select(p => p.Listening).OfType<ListeningEvent>().SelectMany(processor.Apply).ToList();

        var sites = new FeedbackProcessor(Catalog, new DetectionSettings(), clock);
        var surveyAlerts = new List<Alert>();
        var channels = new ChannelSimulator(Catalog, settings.Seed, IrritantStart);
        var rnd = new Random(settings.Seed);
        var interval = responsesPerSitePerHour > 0 ? TimeSpan.FromHours(1 / (responsesPerSitePerHour * Catalog.Sites.Count)) : to - From;
        var siteListening = parsed.Select(p => p.Listening).OfType<ListeningEvent>().Where(FeedbackProcessor.IsForSite).OrderBy(l => l.OccurredAt).ToList();
        var listened = 0;
        for (var t = From + interval; responsesPerSitePerHour > 0 && t <= to; t += interval)
        {
            for (; listened < siteListening.Count && siteListening[listened].OccurredAt < t; listened++) sites.AddToSite(siteListening[listened]); // in event order, as replay
            var feedback = parser.Parse(channels.Next(Catalog.Sites[rnd.Next(Catalog.Sites.Count)], t));
            Assert.True(feedback.IsValid, feedback.Rejection?.ToString());
            processor.Observe(feedback.Event!);
            surveyAlerts.AddRange(sites.Process(feedback.Event!));
        }
        return new SimulatedListening(NewSimulator(settings), messages, parsed, alerts, processor, sites, surveyAlerts);
    }

    private static string Config(string fileName) => Path.Combine(AppContext.BaseDirectory, "config", fileName);
}
