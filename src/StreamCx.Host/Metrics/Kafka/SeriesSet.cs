using Prometheus;

namespace StreamCx.Host.Metrics.Kafka;

/// <summary>
/// Publishes a whole set of labelled values of one gauge at once and removes the series that are no longer in it
/// (a revoked partition, a broker gone), so that stale values are not scraped forever.
/// </summary>
internal sealed class SeriesSet(Gauge gauge)
{
    private readonly Dictionary<string, string[]> _exported = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Publish(IEnumerable<(string[] Labels, double Value)> values)
    {
        lock (_gate)
        {
            var current = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (labels, value) in values)
            {
                var key = string.Join('\u001f', labels);
                current.Add(key);
                _exported[key] = labels;
                gauge.WithLabels(labels).Set(value);
            }
            foreach (var (key, labels) in _exported.Where(e => !current.Contains(e.Key)).ToList())
            {
                gauge.RemoveLabelled(labels);
                _exported.Remove(key);
            }
        }
    }
}
