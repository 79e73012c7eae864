using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamCx.Kafka;

/// <summary>The graph stage behind <see cref="KafkaRecordSource"/>: one consumer per materialization.</summary>
internal sealed class KafkaSourceStage : GraphStageWithMaterializedValue<SourceShape<ConsumedRecord>, IKafkaConsumerControl>
{
    private readonly KafkaSettings _settings;
    private readonly ConsumerConfig _config;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellationToken;

    public KafkaSourceStage(KafkaSettings settings, ConsumerConfig config, ILogger logger, CancellationToken cancellationToken)
    {
        _settings = settings;
        _config = config;
        _logger = logger;
        _cancellationToken = cancellationToken;
        Shape = new SourceShape<ConsumedRecord>(Out);
    }

    public Outlet<ConsumedRecord> Out { get; } = new("kafka.records.out");

    public override SourceShape<ConsumedRecord> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("kafka-record-source");

    public override ILogicAndMaterializedValue<IKafkaConsumerControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var worker = new KafkaConsumerWorker(_settings, _config, _logger, _cancellationToken);
        return new LogicAndMaterializedValue<IKafkaConsumerControl>(new KafkaSourceLogic(this, worker), worker);
    }
}
