using Microsoft.Extensions.Configuration;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Hosting;
using StreamCx.Host.Logging;
using StreamCx.Host.Metrics;
using StreamCx.Host.Simulation;
using StreamCx.Host.Web.Live;
using StreamCx.Kafka;

namespace StreamCx.Host.Configuration;

/// <summary>
/// Every settings section, bound from appsettings.json + environment variables + command-line overrides, and
/// validated together so that a bad value stops the start with a message naming the key.
/// </summary>
public sealed record StreamCxConfiguration(
    KafkaSettings Kafka,
    DetectionSettings Detection,
    EngineSettings Engine,
    SimulatorSettings Simulator,
    ParserLimits Parser,
    ReferenceCatalog Catalog,
    WebSettings Web)
{
    /// <summary>Section "Metrics": the Prometheus endpoint.</summary>
    public MetricsSettings Metrics { get; init; } = new();

    /// <summary>Section "Snapshots": the durable state store and its cadence.</summary>
    public SnapshotSettings Snapshots { get; init; } = new();

    /// <summary>Section "Journeys": the watermelon detector's rules, accounts, retention.</summary>
    public JourneySettings Journeys { get; init; } = new();

    /// <summary>Section "Complaints": the complaint surge test.</summary>
    public ComplaintSettings Complaints { get; init; } = new();

    /// <summary>Section "Social": the social early warning.</summary>
    public SocialSettings Social { get; init; } = new();

    /// <summary>Section "Channels": channels and touchpoints on shared indicators (the channel factor).</summary>
    public ChannelSettings Channels { get; init; } = new();

    public static StreamCxConfiguration Load(IConfiguration configuration)
    {
        var errors = new List<string>();
        T Bind<T>(string section) where T : new()
        {
            try
            {
                return configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"{section}: {e.Message}{(e.InnerException is null ? "" : " " + e.InnerException.Message)}");
                return new T();
            }
        }

        var kafka = Bind<KafkaSettings>("Kafka");
        var engine = Bind<EngineSettings>("Engine");
        var simulator = Bind<SimulatorSettings>("Simulator");
        var referenceData = Bind<ReferenceDataSettings>("ReferenceData");
        var metrics = Bind<MetricsSettings>("Metrics");
        var web = Bind<WebSettings>("Web");
        var snapshots = Bind<SnapshotSettings>("Snapshots");
        var detection = BindRecord<DetectionSettings>(configuration.GetSection("Detection"), errors);
        var parser = BindRecord<ParserLimits>(configuration.GetSection("Parser"), errors);
        var journeys = BindRecord<JourneySettings>(configuration.GetSection("Journeys"), errors);
        var complaints = BindRecord<ComplaintSettings>(configuration.GetSection("Complaints"), errors);
        var social = BindRecord<SocialSettings>(configuration.GetSection("Social"), errors);
        var channels = BindRecord<ChannelSettings>(configuration.GetSection("Channels"), errors);
        errors.AddRange(kafka.Validate());
        if (kafka.Topics?.Contains(kafka.RegionTopic, StringComparer.Ordinal) == true)
            errors.Add($"Kafka:RegionTopic '{kafka.RegionTopic}' is also an input topic in Kafka:Topics; the engine would read its own region topic as feedback.");
        errors.AddRange(detection.Validate().Select(e => $"Detection: {e}"));
        errors.AddRange(journeys.Validate().Select(e => $"Journeys: {e}"));
        if (StreamCx.Engine.Journeys.SqliteJourneyShelf.Unwritable(journeys.ShelfDirectory) is { } shelf) errors.Add($"Journeys:ShelfDirectory: {shelf}");
        errors.AddRange(complaints.Validate().Select(e => $"Complaints: {e}"));
        errors.AddRange(social.Validate().Select(e => $"Social: {e}"));
        errors.AddRange(channels.Validate().Select(e => $"Channels: {e}"));
        errors.AddRange(engine.Validate());
        errors.AddRange(simulator.Validate());
        errors.AddRange(MetricsSettingsValidator.Validate(metrics, configuration["Urls"]));
        errors.AddRange(ConsoleLogFormat.Validate(configuration));
        errors.AddRange(web.Validate());
        errors.AddRange(snapshots.Validate());
        if (parser.MaxMessageBytes <= 0) errors.Add($"Parser:MaxMessageBytes must be positive, got {parser.MaxMessageBytes}");
        ReferenceCatalog? catalog = null;
        try
        {
            catalog = ReferenceDataLoader.Load(
                ReferenceDataSettings.Resolve(referenceData.SitesFile), ReferenceDataSettings.Resolve(referenceData.AttributesFile),
                ReferenceDataSettings.Resolve(referenceData.DepartmentsFile), referenceData.ListeningFiles());
        }
        catch (ReferenceDataException e)
        {
            errors.Add($"ReferenceData: {e.Message}");
        }
        if (errors.Count > 0) throw new ConfigurationException(errors);
        return new StreamCxConfiguration(kafka, detection, engine, simulator, parser with { MaxMessageBytes = kafka.MaxMessageBytes }, catalog!, web)
        {
            Metrics = metrics,
            Snapshots = snapshots,
            Journeys = journeys,
            Complaints = complaints,
            Social = social,
            Channels = channels,
        };
    }

    /// <summary>Init-only records bind like classes: unknown keys and bad values are errors, not silence.</summary>
    private static T BindRecord<T>(IConfigurationSection section, List<string> errors) where T : class, new()
    {
        var defaults = new T();
        try
        {
            var bound = new T();
            section.Bind(bound, o => o.ErrorOnUnknownConfiguration = true);
            return bound;
        }
        catch (InvalidOperationException e)
        {
            errors.Add($"{section.Path}: {e.Message}{(e.InnerException is null ? "" : " " + e.InnerException.Message)}");
            return defaults;
        }
    }
}

public sealed class ConfigurationException(IReadOnlyList<string> errors)
    : Exception("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
