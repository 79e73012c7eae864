using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>
/// The real <c>streamcx</c> executable (streamcx.dll beside the tests), started as a separate process with
/// <c>--set</c> overrides; its output is collected, its HTTP endpoints are at hand, and it can be stopped
/// gracefully (SIGTERM) or killed.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private EngineProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>The access token the engines of these tests run with (<c>Web:Token</c>).</summary>
    public const string Token = "kafka-integration-tests-token-0123456789";

    public string Name { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyCollection<string> Lines => _lines;

    public static EngineProcess Start(string name, IEnumerable<string> arguments)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streamcx.dll"));
        foreach (var argument in arguments.Concat(["--set", $"Urls=http://127.0.0.1:{port}"]))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var engine = new EngineProcess(name, process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) engine._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) engine._lines.Enqueue("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    /// <summary>
    /// The last lines of output, for failure messages: the engine's own, then librdkafka's last few (during an outage
    /// librdkafka writes a line every 50 ms, which would hide the engine's).
    /// </summary>
    public string Tail(int count = 60)
    {
        var lines = _lines.ToArray();
        static bool IsLibrdkafka(string line) => line.StartsWith("stderr: %", StringComparison.Ordinal);
        var own = lines.Where(l => !IsLibrdkafka(l)).TakeLast(count);
        var librdkafka = lines.Where(IsLibrdkafka).TakeLast(5);
        return $"--- {Name} output (last {count} lines of its own) ---\n" + string.Join("\n", own)
            + $"\n--- {Name}: librdkafka's last lines ---\n" + string.Join("\n", librdkafka);
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        string? found = null;
        await Poll.UntilAsync(() => (found = _lines.FirstOrDefault(predicate)) is not null, timeout, () => $"{Name} to log {what}\n{Tail()}");
        return found!;
    }

    public async Task<HttpStatusCode> ReadyStatusAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException)
        {
            return 0;
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var lastBody = "";
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                    lastBody = await response.Content.ReadAsStringAsync();
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    lastBody = e.Message;
                    return false;
                }
            },
            timeout,
            () => $"{Name} to be ready; last /health/ready answer: {lastBody}\n{Tail()}");
    }

    public async Task<JsonObject> StatusAsync() =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri("/api/status", UriKind.Relative)))!.AsObject();

    public async Task<long> AppliedAsync() => (await StatusAsync())["applied"]!.GetValue<long>();

    public async Task<IReadOnlyList<string>> AssignedPartitionsAsync() =>
        (await StatusAsync())["kafka"]?["assignedPartitions"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];

    /// <summary>The engine's per-attribute count for one site (GET /api/sites/{siteId}/scores).</summary>
    public async Task<IReadOnlyDictionary<string, long>> AttributeCountsAsync(string siteId)
    {
        var scores = JsonNode.Parse(await Http.GetStringAsync(new Uri($"/api/sites/{siteId}/scores", UriKind.Relative)))!;
        return scores["attributes"]!.AsObject().ToDictionary(a => a.Key, a => a.Value!["count"]!.GetValue<long>());
    }

    /// <summary>Asks the engine to stop (SIGTERM, as a service manager does) and waits for it to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            (await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).EnsureSuccess("kill -TERM");
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
