using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamCx.IntegrationTests.Live;

/// <summary>The real <c>streamcx</c> executable (from this test project's output), its console captured.</summary>
public sealed class StreamcxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private StreamcxProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public IEnumerable<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public static StreamcxProcess Start(params string[] settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streamcx.dll"));
        foreach (var s in settings.Prepend($"Urls=http://127.0.0.1:{port}"))
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(s);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start streamcx");
        var started = new StreamcxProcess(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) started._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) started._output.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The last lines of its console, for failure messages.</summary>
    public string Tail(int lines = 40) => string.Join("\n", _output.TakeLast(lines));

    /// <summary>Polls an endpoint (without token) until it answers 200.</summary>
    public async Task WaitForAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"streamcx exited with {_process.ExitCode}:\n{Tail()}");
            try
            {
                if ((await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (deadline.Elapsed > timeout) throw new TimeoutException($"{path} did not answer 200 within {timeout}:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
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
