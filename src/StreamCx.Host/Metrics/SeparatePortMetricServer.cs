using Microsoft.Extensions.Hosting;
using Prometheus;
using StreamCx.Host.Configuration;

namespace StreamCx.Host.Metrics;

/// <summary>
/// Serves metrics on their own listener (<c>Metrics:Port</c>) with prometheus-net's Kestrel metric server. Starting
/// fails, and so does the engine's start, when the port cannot be bound; the message names the key.
/// </summary>
public sealed class SeparatePortMetricServer(MetricsSettings settings) : IHostedService
{
    private IMetricServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var port = settings.Port ?? throw new InvalidOperationException("Metrics:Port is not set");
        try
        {
            _server = new KestrelMetricServer(settings.Hostname, port, settings.Path).Start();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new ConfigurationException([$"Metrics:Port {port}: cannot listen on {settings.Hostname}:{port}: {e.Message}"]);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync().ConfigureAwait(false);
    }
}
