using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>
/// A real Prometheus server (Debian package <c>prometheus</c>, installed by tests/test.sh) on 127.0.0.1 with a generated
/// configuration: it scrapes one target every second as job <c>streamcx</c> and evaluates the repository's alert rules.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public static async Task<PrometheusServer> StartAsync(string target, IEnumerable<string> ruleFiles)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: run tests/test.sh, which installs the Debian package prometheus");
        var directory = Directory.CreateTempSubdirectory("streamcx-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var rules = string.Join("\n", ruleFiles.Select(f => $"  - \"{f}\""));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
            {rules}
            scrape_configs:
              - job_name: streamcx
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = EngineProcess.FreePort();
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, directory, port);
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException("prometheus exited: " + string.Join("\n", errors));
            try
            {
                if ((await server._http.GetAsync(new Uri("/-/ready", UriKind.Relative))).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException("prometheus was not ready within 60 s: " + string.Join("\n", errors));
    }

    /// <summary>GET /api/v1/{path}; the "data" element of a successful answer, or an exception with Prometheus' error.</summary>
    public async Task<JsonElement> ApiAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(new Uri("/api/v1/" + pathAndQuery, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.GetProperty("status").GetString() != "success")
            throw new PrometheusQueryException(pathAndQuery, body);
        return doc.RootElement.GetProperty("data").Clone();
    }

    /// <summary>An instant query; the result vector as (labels, value) pairs.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var data = await ApiAsync("query?query=" + Uri.EscapeDataString(promql));
        if (data.GetProperty("resultType").GetString() != "vector") return [];
        return data.GetProperty("result").EnumerateArray().Select(r => (
            (IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>The single value of a query that returns one series; null while it returns none.</summary>
    public async Task<double?> ScalarAsync(string promql)
    {
        var result = await QueryAsync(promql);
        return result.Count == 1 ? result[0].Value : null;
    }

    /// <summary>Polls <paramref name="promql"/> until it returns <paramref name="expected"/> (or the timeout); returns the last value.</summary>
    public Task<double?> WaitForValueAsync(string promql, double expected, TimeSpan timeout) =>
        WaitForValueAsync(promql, v => v == expected, timeout);

    /// <summary>
    /// Polls <paramref name="promql"/> until its single value satisfies <paramref name="done"/> (or the timeout): scrapes
    /// and librdkafka statistics arrive every second, so a fresh value may take a few seconds. Returns the last value.
    /// </summary>
    public async Task<double?> WaitForValueAsync(string promql, Func<double?, bool> done, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        double? value;
        do
        {
            value = await ScalarAsync(promql);
            if (done(value)) return value;
            await Task.Delay(500);
        }
        while (started.Elapsed < timeout);
        return value;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class PrometheusQueryException(string query, string body) : Exception($"Prometheus refused '{query}': {body}");
