using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace StreamCx.Host.Metrics.Kafka;

/// <summary>
/// Client-level gauges and counters from the latest librdkafka statistics report of each client type
/// (<c>consumer</c>, <c>producer</c>), published when Prometheus scrapes.
/// </summary>
public sealed class KafkaClientMetrics
{
    private readonly ConcurrentDictionary<string, LibrdkafkaStatistics> _latest = new(StringComparer.Ordinal);
    private readonly Gauge _replyQueue, _queuedMessages;
    private readonly Counter _txMessages, _rxMessages, _txBytes, _rxBytes, _rebalances;
    private readonly SeriesSet _brokerUp, _brokerRtt;

    public KafkaClientMetrics(CollectorRegistry registry)
    {
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] client = ["client"];
        _replyQueue = f.CreateGauge("streamcx_kafka_client_reply_queue_length", "librdkafka operations waiting for the application (replyq)", client);
        _queuedMessages = f.CreateGauge("streamcx_kafka_client_queued_messages", "Messages in librdkafka's producer queues (msg_cnt)", client);
        _txMessages = f.CreateCounter("streamcx_kafka_client_transmitted_messages_total", "Messages sent to brokers (txmsgs)", client);
        _rxMessages = f.CreateCounter("streamcx_kafka_client_received_messages_total", "Messages received from brokers (rxmsgs)", client);
        _txBytes = f.CreateCounter("streamcx_kafka_client_transmitted_bytes_total", "Bytes sent to brokers (tx_bytes)", client);
        _rxBytes = f.CreateCounter("streamcx_kafka_client_received_bytes_total", "Bytes received from brokers (rx_bytes)", client);
        _rebalances = f.CreateCounter("streamcx_kafka_consumer_rebalances_total", "Consumer group rebalances seen by this engine (cgrp.rebalance_cnt)");
        _brokerUp = new SeriesSet(f.CreateGauge("streamcx_kafka_broker_up", "1 when the client's connection to the broker is up", ["client", "broker"]));
        _brokerRtt = new SeriesSet(f.CreateGauge("streamcx_kafka_broker_rtt_seconds", "Average broker round-trip time over the last statistics interval", ["client", "broker"]));
        registry.AddBeforeCollectCallback(Publish);
    }

    /// <summary>Keeps <paramref name="statistics"/> as the latest report of its client type.</summary>
    public void Report(LibrdkafkaStatistics statistics) => _latest[statistics.ClientType] = statistics;

    private void Publish()
    {
        foreach (var (client, s) in _latest)
        {
            _replyQueue.WithLabels(client).Set(s.ReplyQueue);
            _queuedMessages.WithLabels(client).Set(s.QueuedMessages);
            _txMessages.WithLabels(client).IncTo(s.TransmittedMessages);
            _rxMessages.WithLabels(client).IncTo(s.ReceivedMessages);
            _txBytes.WithLabels(client).IncTo(s.TransmittedBytes);
            _rxBytes.WithLabels(client).IncTo(s.ReceivedBytes);
            if (client == "consumer" && s.Rebalances is { } rebalances) _rebalances.IncTo(rebalances);
        }
        var brokers = _latest.SelectMany(e => e.Value.Brokers.Select(b => (Client: e.Key, Broker: b))).ToList();
        _brokerUp.Publish(brokers.Select(b => (Labels(b.Client, b.Broker), b.Broker.Up ? 1.0 : 0.0)));
        _brokerRtt.Publish(brokers.Where(b => b.Broker.RttAverageSeconds is not null).Select(b => (Labels(b.Client, b.Broker), b.Broker.RttAverageSeconds!.Value)));
    }

    private static string[] Labels(string client, BrokerStatistics broker) => [client, broker.NodeId.ToString(CultureInfo.InvariantCulture)];
}
