using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace StreamCx.Perf.LiveStream;

/// <summary>
/// N concurrent SSE clients of the alert stream, each on its own connection. For every alert and acknowledgement an
/// arrival time is taken as soon as the event is parsed, and compared with the server's own timestamp of the event
/// (the alert's emittedAt, the acknowledgement's at): the fan-out latency, same machine, same clock.
/// </summary>
public sealed class SseClients : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly List<HttpResponseMessage> _responses = [];
    private int _ready;

    /// <summary>(event id, event type, client, latency ms) of every alert and acknowledgement received.</summary>
    public ConcurrentBag<(string EventId, string Type, int Client, double LatencyMs)> Deliveries { get; } = [];

    public int Ready => Volatile.Read(ref _ready);

    public async Task ConnectAsync(Uri baseAddress, string token, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "/api/alerts/stream"));
            request.Headers.Authorization = new("Bearer", token);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            _responses.Add(response);
            var client = i;
            _readers.Add(Task.Run(() => ReadAsync(client, response)));
        }
        while (Ready < count) await Task.Delay(50);
    }

    private async Task ReadAsync(int client, HttpResponseMessage response)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
            {
                var arrived = DateTimeOffset.UtcNow;
                switch (item.EventType)
                {
                    case "ready":
                        Interlocked.Increment(ref _ready);
                        break;
                    case "alert":
                        using (var json = JsonDocument.Parse(item.Data))
                            Deliveries.Add((item.EventId!, item.EventType, client, (arrived - json.RootElement.GetProperty("emittedAt").GetDateTimeOffset()).TotalMilliseconds));
                        break;
                    case "acknowledged":
                        using (var json = JsonDocument.Parse(item.Data))
                            Deliveries.Add((item.EventId!, item.EventType, client, (arrived - json.RootElement.GetProperty("acknowledgement").GetProperty("at").GetDateTimeOffset()).TotalMilliseconds));
                        break;
                    case "overflow":
                        Console.Error.WriteLine($"client {client}: overflow {item.Data}");
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var r in _responses) r.Dispose();
        await Task.WhenAll(_readers);
        _http.Dispose();
        _stop.Dispose();
    }
}
