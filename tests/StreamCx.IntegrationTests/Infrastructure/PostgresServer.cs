using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (Debian package `postgresql`, installed by tests/test.sh) started once per test run on
/// 127.0.0.1 in a temporary data folder, and stopped when the test process exits. As root it runs as `postgres`.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Started.Value;

    /// <summary>A fresh, empty database on the shared server, so tests do not see each other's rows.</summary>
    public static string NewDatabase()
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

    public static string BinDirectory =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
        ?? throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); tests/test.sh installs the Debian package");

    private static string Start()
    {
        var data = Path.Combine(Path.GetTempPath(), $"streamcx-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", ["-R", "postgres:postgres", data]);
        Pg(asRoot, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
        Pg(asRoot, "pg_ctl", ["-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-o", $"-p {port} -h 127.0.0.1 -k {data} -F", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Pg(asRoot, "pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
                Directory.Delete(data, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"PostgreSQL test server cleanup: {e.Message}");
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Timeout=5";
    }

    private static void Pg(bool asRoot, string tool, string[] args)
    {
        var exe = Path.Combine(BinDirectory, tool);
        if (asRoot) Run("runuser", ["-u", "postgres", "--", exe, .. args]);
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
