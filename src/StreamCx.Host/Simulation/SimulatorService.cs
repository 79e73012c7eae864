using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.ReferenceData;
using StreamCx.Kafka;

namespace StreamCx.Host.Simulation;

/// <summary>
/// Runs the built-in channel systems against the configured cluster: first the recent history at high speed, then
/// live at the configured rate. Every site gets responses at the same rate; produced with the site as key. Journeys and
/// accounts' surveys (<see cref="JourneySimulator"/>) and the listening sources (<see cref="ListeningSimulator"/>, from days
/// before the history) go along in the same simulated time, each message once its time comes.
/// </summary>
public sealed class SimulatorService(
    KafkaSettings kafka, SimulatorSettings settings, ReferenceCatalog catalog, TimeProvider clock, ILogger<SimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = clock.GetUtcNow();
        var simulatedFrom = start.AddHours(-settings.HistoryHours);
        var simulator = new ChannelSimulator(catalog, settings.Seed, irritantStart: start.AddHours(-Math.Min(3, settings.HistoryHours / 4)));
        var journeys = new JourneySimulator(catalog, settings, simulatedFrom);
        var listening = new ListeningSimulator(catalog, settings, simulator, simulatedFrom);
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientConfigFactory.CreateProducerConfig(kafka)).Build();
        var topic = kafka.Topics[0];
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("simulator: {Sites} sites, {Hours} h of history at x{Speedup}, then live to topic {Topic}; scripted irritants: waiting time at {Site1}, product availability at {Site2}, the {Channel} channel at {Site3}",
                catalog.Sites.Count, settings.HistoryHours, settings.HistorySpeedup, topic, simulator.WaitingTimeIrritant.SiteId, simulator.AvailabilityIrritant.SiteId,
                ChannelSimulator.WorseChannel, simulator.ChannelIrritant.SiteId);
            logger.LogInformation("simulator: {Journeys} customer journeys an hour, the first and every {Every}th a watermelon; {Surveys} B2B account surveys an hour, roles diverging at {Account}",
                settings.JourneysPerHour, settings.WatermelonEvery, settings.AccountSurveysPerHour, AccountSurveys.DivergingAccount);
            if (settings.ListeningPerSitePerHour > 0)
                logger.LogInformation("simulator: listening sources from {From:u} ({PerSite} complaints, incidents, staff reports and mentions a site an hour); scripted: {Reason} complaints surging at {Site} from {Start:u}, incidents and negative staff reports on waiting time there, a burst of negative posts from {Burst:u}",
                    listening.From, settings.ListeningPerSitePerHour, WaitingTimeComplaints.Reason, listening.Site.SiteId, listening.SurgeStart, listening.BurstStart);
        }

        var interval = TimeSpan.FromHours(1 / (settings.ResponsesPerSitePerHour * catalog.Sites.Count));
        var rnd = new Random(settings.Seed);
        var simulated = simulatedFrom;
        var produced = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                // simulated time runs fast until it catches up with the wall clock, then in step with it
                var target = Min(now, simulatedFrom + ((now - start) * settings.HistorySpeedup));
                while (simulated < target)
                {
                    simulated += interval;
                    foreach (var m in listening.Until(simulated).Concat(journeys.Until(simulated)))
                    {
                        producer.Produce(topic, new Message<string, byte[]> { Key = m.Key, Value = m.Value });
                        produced++;
                    }
                    var site = catalog.Sites[rnd.Next(catalog.Sites.Count)];
                    producer.Produce(topic, new Message<string, byte[]> { Key = site.SiteId, Value = simulator.Next(site, simulated) });
                    produced++;
                }
                producer.Poll(TimeSpan.Zero);
                await Task.Delay(TimeSpan.FromMilliseconds(50), clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ProduceException<string, byte[]> e)
        {
            logger.LogError(e, "simulator: produce failed after {Produced} events: {Reason}", produced, e.Error.Reason);
        }
        producer.Flush(TimeSpan.FromSeconds(5));
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("simulator: stopped after {Produced} events", produced);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
