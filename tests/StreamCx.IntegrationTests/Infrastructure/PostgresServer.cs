using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (Debian package `postgresql`, installed by tests/test.sh) in a temporary data folder on
/// 127.0.0.1. <see cref="Shared"/> is started once per test run; a test that stops the server makes its own.
/// As root the server runs as the `postgres` user.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> SharedServer = new(() =>
    {
        var server = new PostgresServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly bool AsRoot = Environment.UserName == "root";
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"streamcx-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly int _port = FreePort();

    public PostgresServer()
    {
        Directory.CreateDirectory(_data);
        if (AsRoot) Run("chown", ["-R", "postgres:postgres", _data]);
        Pg("initdb", ["-D", _data, "-A", "trust", "-U", "postgres", "--no-sync"]);
        Start();
    }

    public static PostgresServer Shared => SharedServer.Value;

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=5";

    public void Start() =>
        Pg("pg_ctl", ["-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-o", $"-p {_port} -h 127.0.0.1 -k {_data} -F", "start"]);

    public void Stop() => Pg("pg_ctl", ["-D", _data, "-m", "fast", "-w", "stop"]);

    /// <summary>A fresh, empty database on this server, so tests do not see each other's rows.</summary>
    public string NewDatabase()
    {
        var name = $"t_{Guid.NewGuid():N}";
        using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public void Dispose()
    {
        try
        {
            Pg("pg_ctl", ["-D", _data, "-m", "immediate", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"PostgreSQL test server cleanup: {e.Message}");
        }
    }

    public static string BinDirectory =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
        ?? throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); tests/test.sh installs the Debian package");

    private static void Pg(string tool, string[] args)
    {
        var exe = Path.Combine(BinDirectory, tool);
        if (AsRoot) Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        else Run(exe, args);
    }

    private static void Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) throw new InvalidOperationException($"{file} did not finish within 60 s");
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
