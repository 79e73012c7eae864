using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace StreamCx.Perf.LiveStream;

/// <summary>The real <c>streamcx</c> (from this harness's output folder) on embedded defaults, simulator off.</summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private EngineProcess(Process process, Uri baseAddress, string token)
    {
        _process = process;
        BaseAddress = baseAddress;
        Token = token;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri BaseAddress { get; }

    public string Token { get; }

    public HttpClient Http { get; }

    public static async Task<EngineProcess> StartAsync(params string[] settings)
    {
        var port = FreePort();
        var token = "perf-" + Guid.NewGuid().ToString("N");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streamcx.dll"));
        foreach (var s in settings.Concat([$"Urls=http://127.0.0.1:{port}", "Simulator:Enabled=false", $"Web:Token={token}"]))
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(s);
        }
        var process = Process.Start(info)!;
        var engine = new EngineProcess(process, new Uri($"http://127.0.0.1:{port}"), token);
        // ENGINE_OUTPUT=/tmp/engine: the engine's output also written to /tmp/engine.<process id>.log (its own log, to read after the run)
        var file = Environment.GetEnvironmentVariable("ENGINE_OUTPUT") is { Length: > 0 } prefix
            ? TextWriter.Synchronized(new StreamWriter($"{prefix}.{process.Id}.log") { AutoFlush = true }) : null;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output(e.Data); };
        void Output(string line)
        {
            engine._output.Enqueue(line);
            file?.WriteLine(line);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await engine.WaitForAsync("/health/live");
        return engine;
    }

    public async Task WaitForAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("streamcx exited:\n" + string.Join("\n", _output.TakeLast(30)));
            try
            {
                if ((await Http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException(path + " not ready:\n" + string.Join("\n", _output.TakeLast(30)));
            await Task.Delay(200);
        }
    }

    /// <summary>CPU time the engine process has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident set size of the engine process (kB), from /proc.</summary>
    public long ResidentKilobytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException("no VmRSS");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
