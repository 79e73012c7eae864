using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.AlertLog;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;
using StreamCx.Host.AlertLog;
using StreamCx.Host.Alerts;
using StreamCx.Host.Configuration;
using StreamCx.Host.Logging;
using StreamCx.Host.Metrics;
using StreamCx.Host.Network;
using StreamCx.Host.Simulation;
using StreamCx.Host.Web;
using StreamCx.Host.Web.Live;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>
/// <c>run</c>: the engine as a service. With no Kafka:BootstrapServers it starts librdkafka's in-process mock cluster
/// and the channel simulators (the embedded demo); otherwise it consumes the configured cluster.
/// </summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(WebApplicationBuilder builder, CancellationToken cancellationToken)
    {
        var config = StreamCxConfiguration.Load(builder.Configuration);
        using var loggerFactory = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
        var log = loggerFactory.CreateLogger("StreamCx");

        EmbeddedKafkaCluster? embedded = null;
        var kafka = config.Kafka;
        if (kafka.UsesEmbeddedCluster)
        {
            embedded = new EmbeddedKafkaCluster(loggerFactory.CreateLogger<EmbeddedKafkaCluster>());
            kafka = kafka.WithBootstrapServers(embedded.BootstrapServers);
            if (log.IsEnabled(LogLevel.Information))
                log.LogInformation("no Kafka:BootstrapServers configured: started the embedded mock cluster at {Bootstrap}", embedded.BootstrapServers);
        }
        kafka = KafkaStatisticsSetting.Apply(kafka, config.Metrics);
        var snapshots = SnapshotStoreForRun(config.Snapshots, embedded is not null, builder.Configuration, log);
        try
        {
            var clock = TimeProvider.System;
            var hub = new AlertHub(clock);
            var services = builder.Services;
            services.AddSingleton(clock).AddSingleton(hub).AddSingleton<IAlertPublisher>(hub);
            services.AddSingleton(kafka).AddSingleton(config.Engine).AddSingleton(config.Detection).AddSingleton(config.Catalog).AddSingleton(config.Simulator);
            services.AddSingleton(new FeedbackParser(config.Catalog, config.Parser, clock));
            services.AddSingleton<PipelineCounters>().AddSingleton<EngineStatus>().AddSingleton<EventTimeProgress>();
            var ledger = new OffsetLedger();
            var snapshotCounters = new SnapshotCounters();
            services.AddSingleton(snapshots).AddSingleton(ledger).AddSingleton(snapshotCounters);
            services.AddSingleton(sp => new RecordProducer(kafka, sp.GetRequiredService<ILogger<RecordProducer>>()));
            services.AddSingleton(sp => new DeadLetterPublisher(sp.GetRequiredService<RecordProducer>(), kafka, sp.GetRequiredService<ILogger<DeadLetterPublisher>>(), clock));
            services.AddStreamCxObservability(config.Metrics, kafka);
            // Registered before Akka: started first (subscribed before any alert), stopped after the actors.
            services.AddSingleton(sp => new AlertKafkaPublisher(hub, sp.GetRequiredService<RecordProducer>(), kafka, sp.GetRequiredService<ILogger<AlertKafkaPublisher>>(), clock));
            services.AddHostedService(sp => sp.GetRequiredService<AlertKafkaPublisher>());
            services.AddSingleton(SqlAlertLog.For(snapshots)).AddSingleton<AlertLogWriter>();
            if (config.Detection.NetworkGroups) services.AddSingleton(sp => new KafkaNetworkFeed(kafka, sp.GetRequiredService<ILogger<KafkaNetworkFeed>>()));
            services.AddHostedService(sp => sp.GetRequiredService<AlertLogWriter>());
            services.AddAkka("streamcx", (akka, sp) => akka
                // The web host stops the actor system (after ingestion drained), not Akka's own SIGTERM hook.
                .AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
                .ConfigureLoggers(l => { l.ClearLoggers(); l.AddLoggerFactory(); })
                .AddStreamCxEngine(config.Catalog, config.Detection, config.Engine, hub, sp.GetRequiredService<IEngineTelemetry>(), (snapshots, ledger, snapshotCounters), sp.GetRequiredService<EventTimeProgress>(),
                    config.Journeys, config.Complaints, config.Social, config.Channels, sp.GetService<KafkaNetworkFeed>()));
            services.AddSingleton(config.Channels);
            services.AddLiveAlerts(config.Web);
            services.AddHostedService<IngestionService>();
            if (config.Simulator.Enabled ?? embedded is not null)
                services.AddHostedService<SimulatorService>();

            var jsonLogs = ConsoleLogFormat.IsJson(builder.Configuration);
            // Simple console: alert emissions show as ALERT lines, not twice; JSON: as log events 3001-3003 only.
            if (!jsonLogs) builder.Logging.AddFilter<ConsoleLoggerProvider>(ObservabilityRegistration.EngineEventsCategory, LogLevel.Warning);
            await using var app = builder.Build();
            app.UseLiveAlerts();
            app.MapStreamCx();
            app.MapStreamCxObservability(config.Metrics);
            using var printer = jsonLogs ? null : hub.Alerts.Subscribe(a => Console.Out.WriteLine(AlertConsolePrinter.Line(a)));
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            embedded?.Dispose();
            if (embedded is not null && snapshots != config.Snapshots) DeleteRunStore(snapshots.ConnectionString);
        }
    }

    /// <summary>
    /// The embedded mock cluster lives and dies with the process, so state snapshotted from it must not outlive the run
    /// (a next run's cluster starts from offset 0 again): unless a store was configured explicitly, such a run keeps
    /// its snapshots in a SQLite file of its own, deleted at the end.
    /// </summary>
    private static SnapshotSettings SnapshotStoreForRun(SnapshotSettings configured, bool embedded, IConfiguration configuration, ILogger log)
    {
        if (!embedded || !configured.Enabled || configuration["Snapshots:ConnectionString"] is not null) return configured;
        var file = Path.Combine(Path.GetTempPath(), $"streamcx-embedded-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        if (log.IsEnabled(LogLevel.Information))
            log.LogInformation("embedded cluster: snapshots of this run go to {File} (deleted at exit; set Snapshots:ConnectionString to keep them)", file);
        return new SnapshotSettings
        {
            Enabled = true, Provider = "sqlite", ConnectionString = file, EveryEvents = configured.EveryEvents, EveryInterval = configured.EveryInterval,
        };
    }

    private static void DeleteRunStore(string file)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            if (File.Exists(f)) File.Delete(f);
    }
}
