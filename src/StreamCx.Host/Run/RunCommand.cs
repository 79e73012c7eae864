using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Pipeline;
using StreamCx.Host.Alerts;
using StreamCx.Host.Configuration;
using StreamCx.Host.Simulation;
using StreamCx.Host.Web;
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
        using var loggerFactory = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        var log = loggerFactory.CreateLogger("StreamCx");

        EmbeddedKafkaCluster? embedded = null;
        var kafka = config.Kafka;
        if (kafka.UsesEmbeddedCluster)
        {
            embedded = new EmbeddedKafkaCluster(loggerFactory.CreateLogger<EmbeddedKafkaCluster>());
            kafka = kafka.WithBootstrapServers(embedded.BootstrapServers);
            log.LogInformation("no Kafka:BootstrapServers configured: started the embedded mock cluster at {Bootstrap}", embedded.BootstrapServers);
        }
        try
        {
            var clock = TimeProvider.System;
            var hub = new AlertHub(clock);
            var services = builder.Services;
            services.AddSingleton(clock).AddSingleton(hub).AddSingleton<IAlertPublisher>(hub);
            services.AddSingleton(kafka).AddSingleton(config.Engine).AddSingleton(config.Detection).AddSingleton(config.Catalog).AddSingleton(config.Simulator);
            services.AddSingleton(new FeedbackParser(config.Catalog, config.Parser, clock));
            services.AddSingleton<PipelineCounters>().AddSingleton<EngineStatus>();
            services.AddSingleton(sp => new RecordProducer(kafka, sp.GetRequiredService<ILogger<RecordProducer>>()));
            services.AddSingleton(sp => new DeadLetterPublisher(sp.GetRequiredService<RecordProducer>(), kafka, sp.GetRequiredService<ILogger<DeadLetterPublisher>>(), clock));
            // Registered before Akka: started first (subscribed before any alert), stopped after the actors.
            services.AddSingleton(sp => new AlertKafkaPublisher(hub, sp.GetRequiredService<RecordProducer>(), kafka, sp.GetRequiredService<ILogger<AlertKafkaPublisher>>(), clock));
            services.AddHostedService(sp => sp.GetRequiredService<AlertKafkaPublisher>());
            services.AddAkka("streamcx", (akka, _) => akka
                // The web host stops the actor system (after ingestion drained), not Akka's own SIGTERM hook.
                .AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
                .ConfigureLoggers(l => { l.ClearLoggers(); l.AddLoggerFactory(); })
                .AddStreamCxEngine(config.Catalog, config.Detection, config.Engine, hub));
            services.AddHostedService<IngestionService>();
            if (config.Simulator.Enabled ?? embedded is not null)
                services.AddHostedService<SimulatorService>();

            await using var app = builder.Build();
            app.MapStreamCx();
            using var printer = hub.Alerts.Subscribe(a => Console.Out.WriteLine(AlertConsolePrinter.Line(a)));
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            embedded?.Dispose();
        }
    }
}
