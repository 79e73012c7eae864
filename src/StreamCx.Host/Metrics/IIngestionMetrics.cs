using StreamCx.Engine.Pipeline;
using StreamCx.Kafka;

namespace StreamCx.Host.Metrics;

/// <summary>What the ingestion stream reports: the consumer it runs, and the outcome of every message.</summary>
public interface IIngestionMetrics
{
    /// <summary>The consumer behind the running Kafka source.</summary>
    void Attach(IKafkaConsumerControl consumer);

    /// <summary>One message went through the pipeline (applied, duplicate, late or rejected). Called in input order.</summary>
    void Observe(PipelineResult result);
}

/// <summary>Metrics off: nothing is measured.</summary>
public sealed class NoIngestionMetrics : IIngestionMetrics
{
    public static readonly NoIngestionMetrics Instance = new();

    public void Attach(IKafkaConsumerControl consumer)
    {
    }

    public void Observe(PipelineResult result)
    {
    }
}
