using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace StreamCx.IntegrationTests.Run;

/// <summary>The README's first command, as a user runs it: the real executable on embedded defaults.</summary>
public class EmbeddedRunTests(ITestOutputHelper testOutput)
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A ceiling against a hang (a cold start on a busy machine included), not a bound on how soon.</summary>
    private static readonly TimeSpan FirstAlertTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_on_embedded_defaults_prints_a_first_alert_for_a_scripted_irritant_and_answers_health()
    {
        var port = FreePort();
        var exe = Path.Combine(AppContext.BaseDirectory, "streamcx.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in new[] { exe, "--set", $"Urls=http://127.0.0.1:{port}" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var firstAlert = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (e.Data.StartsWith("ALERT open", StringComparison.Ordinal)
                && (e.Data.Contains("store-lille-centre/waiting-time", StringComparison.Ordinal) || e.Data.Contains("store-marseille-la-joliette/product-availability", StringComparison.Ordinal)))
                firstAlert.TrySetResult(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = Stopwatch.StartNew();
        try
        {
            var winner = await Task.WhenAny(firstAlert.Task, Task.Delay(FirstAlertTimeout));
            Assert.True(winner == firstAlert.Task, $"no alert for a scripted irritant within {FirstAlertTimeout.TotalSeconds:0} s; output:\n" + string.Join("\n", output.TakeLast(40)));
            var line = await firstAlert.Task;
            testOutput.WriteLine($"first alert {started.Elapsed.TotalSeconds:0.0} s after the start (for information; not a bound)");
            Assert.Matches(@"^ALERT open\s+alr-[0-9a-f]{16} #1 ", line);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
