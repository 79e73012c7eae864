using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Grouping;
using StreamCx.Engine.Pipeline;
using StreamCx.Kafka;

namespace StreamCx.Host.Network;

/// <summary>
/// The engine's reader of the network topic (consumer group <c>GroupId.network</c>): the engine assigned its partition runs
/// the network grouping. Each record goes to the <see cref="NetworkGroupsActor"/> in order; a record it took is committed
/// once its snapshot covers it (<see cref="OffsetLedger"/>), anything else at once. A record that is not the topic's is
/// logged with its position and skipped.
/// </summary>
public static class NetworkGroupsGraph
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static IRunnableGraph<(IKafkaConsumerControl Control, Task<Done> Done)> Create(
        KafkaSettings kafka, IActorRef network, OffsetLedger ledger, bool durable, ILogger logger, CancellationToken cancellationToken) =>
        KafkaRecordSource.Create(kafka.ForNetworkTopic(), logger, cancellationToken: cancellationToken)
            .SelectAsync(1, async record =>
            {
                var position = new SourcePosition(record.Topic, record.Partition, record.Offset);
                var (input, problem) = NetworkTopicRecord.Decode(record.Value);
                if (input is null)
                {
                    logger.LogWarning("network topic record at {Position} skipped: {Problem}", position, problem);
                    return (position, Taken: false);
                }
                var answer = await network.Ask<NetworkInputTaken>(input with { Position = position }, AskTimeout, cancellationToken).ConfigureAwait(false);
                return (position, Taken: durable && answer.Taken);
            })
            .ToMaterialized(Sink.ForEach<(SourcePosition Position, bool Taken)>(r =>
            {
                if (r.Taken) ledger.Applied(NetworkGroupsActor.LedgerKey, r.Position); // committed once the grouping's snapshot covers it
                else ledger.Done(r.Position);
            }), Keep.Both);
}
