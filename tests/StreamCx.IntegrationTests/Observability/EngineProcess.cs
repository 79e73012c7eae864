using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>The real <c>streamcx</c> executable in its own process, with its console output collected.</summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private EngineProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> StandardOutput => _stdout;

    public IReadOnlyCollection<string> StandardError => _stderr;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The access token every engine started here runs with (the API needs it; health and metrics do not).</summary>
    public const string Token = "observability-tests-token-0123456789";

    /// <summary>An HTTP client for the engine's web port, carrying the access token.</summary>
    public static HttpClient Client(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    /// <summary>Starts <c>dotnet streamcx.dll run</c> with the given <c>--set</c> overrides and extra arguments.</summary>
    public static EngineProcess Start(IEnumerable<string> settings, params string[] extraArguments)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "streamcx.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(exe);
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--set");
        info.ArgumentList.Add($"Web:Token={Token}");
        info.ArgumentList.Add("--set"); // every engine its own state store: nothing left over from another test or run
        info.ArgumentList.Add($"Snapshots:ConnectionString={Path.Combine(Path.GetTempPath(), $"streamcx-obs-{Guid.NewGuid():N}.db")}");
        foreach (var s in settings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(s);
        }
        foreach (var a in extraArguments) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var engine = new EngineProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) engine._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) engine._stderr.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="url"/> answers at all (any status), or fails with the engine's output.</summary>
    public async Task WaitForHttpAsync(HttpClient http, string url, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the engine exited with {_process.ExitCode}:\n{Tail()}");
            try
            {
                using var _ = await http.GetAsync(new Uri(url));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"{url} did not answer within {timeout}:\n{Tail()}");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // drains the redirected output
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Asks the engine to stop as a service manager would (SIGTERM to this process id).</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    public string Tail(int lines = 40) =>
        string.Join("\n", _stdout.TakeLast(lines)) + "\n--- stderr ---\n" + string.Join("\n", _stderr.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
