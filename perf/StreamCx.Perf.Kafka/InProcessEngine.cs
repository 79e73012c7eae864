using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Host.Run;
using StreamCx.Kafka;

namespace StreamCx.Perf.Kafka;

/// <summary>
/// The engine's consume-to-state path, in this process: the same <see cref="IngestionGraph"/> the service runs
/// (consumer-group source, parse + validate, site and attribute actors, offsets stored), with default settings, over the
/// given reference data; its <see cref="AlertHub"/> is exposed. Shared with the end-to-end harness.
/// </summary>
public sealed class InProcessEngine : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly RecordProducer _producer;
    private readonly Task<Done> _done;

    public InProcessEngine(KafkaSettings kafka, ReferenceCatalog catalog)
    {
        _system = ActorSystem.Create("perf", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var engine = new EngineSettings();
        var sites = _system.ActorOf(SitesActor.Create(catalog, new DetectionSettings(), Hub, engine.EventTime), "sites");
        var parser = new FeedbackParser(catalog, new ParserLimits { MaxMessageBytes = kafka.MaxMessageBytes }, TimeProvider.System);
        _producer = new RecordProducer(kafka);
        var deadLetters = new DeadLetterPublisher(_producer, kafka);
        (Control, _done) = IngestionGraph.Create(kafka, parser, sites, engine, deadLetters, Counters, NullLogger.Instance, CancellationToken.None)
            .Run(_system.Materializer());
    }

    public AlertHub Hub { get; } = new(TimeProvider.System);

    public PipelineCounters Counters { get; } = new();

    public IKafkaConsumerControl Control { get; }

    /// <summary>Records taken through the whole path: applied to their site, recognised as duplicates, or dead-lettered.</summary>
    public long Processed => Counters.Applied + Counters.Duplicates + Counters.Rejected;

    public bool IsReady => Control is { IsConnected: true, AssignedPartitions.Count: > 0 };

    public async ValueTask DisposeAsync()
    {
        await Control.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _done.WaitAsync(TimeSpan.FromSeconds(30));
        _producer.Dispose();
        await _system.Terminate();
        Hub.Dispose();
    }
}
