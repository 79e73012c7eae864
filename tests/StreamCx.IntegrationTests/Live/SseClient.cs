using System.Net;
using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace StreamCx.IntegrationTests.Live;

/// <summary>A test client of the alert stream: reads events as they come (System.Net.ServerSentEvents' parser).</summary>
public sealed class SseClient : IAsyncDisposable
{
    private static readonly HttpClient Streams = new() { Timeout = Timeout.InfiniteTimeSpan };

    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<SseItem<string>> _events = Channel.CreateUnbounded<SseItem<string>>();
    private readonly HttpResponseMessage _response;
    private readonly Task _reader;

    private SseClient(HttpResponseMessage response)
    {
        _response = response;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Everything received so far, in order (pings included).</summary>
    public List<SseItem<string>> Received { get; } = [];

    public static async Task<HttpResponseMessage> RequestAsync(Uri baseAddress, string token, string query = "", string? lastEventId = null, bool tokenInQuery = false)
    {
        var url = new Uri(baseAddress, "/api/alerts/stream" + (tokenInQuery ? $"?access_token={Uri.EscapeDataString(token)}{(query.Length > 0 ? "&" + query : "")}" : query.Length > 0 ? "?" + query : ""));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!tokenInQuery) request.Headers.Authorization = new("Bearer", token);
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        return await Streams.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static Task<SseClient> ConnectAsync(LiveServerFixture server, string query = "", string? lastEventId = null) =>
        ConnectAsync(server.BaseAddress, server.Token, query, lastEventId);

    public static async Task<SseClient> ConnectAsync(Uri baseAddress, string token, string query = "", string? lastEventId = null)
    {
        var response = await RequestAsync(baseAddress, token, query, lastEventId);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"stream answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return new SseClient(response);
    }

    /// <summary>The next event of one of the types (others are kept in <see cref="Received"/> but skipped).</summary>
    public async Task<SseItem<string>> NextAsync(TimeSpan timeout, params string[] types)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var item = await _events.Reader.ReadAsync(cts.Token);
                if (types.Length == 0 || types.Contains(item.EventType)) return item;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {string.Join("/", types)} event within {timeout}; received: {string.Join(", ", Received.Select(r => r.EventType))}");
        }
    }

    /// <summary>Reads until an event satisfies the condition.</summary>
    public async Task<SseItem<string>> NextAsync(TimeSpan timeout, Func<SseItem<string>, bool> condition)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no matching event within {timeout}; received: {string.Join(", ", Received.Select(r => r.EventType))}");
            var item = await NextAsync(left);
            if (condition(item)) return item;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await using var stream = await _response.Content.ReadAsStreamAsync(_stop.Token);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
            {
                lock (Received) Received.Add(item);
                await _events.Writer.WriteAsync(item);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reader;
        _stop.Dispose();
    }
}
