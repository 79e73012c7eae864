using Akka.Configuration;

namespace StreamCx.Engine.Durability;

/// <summary>The HOCON that points Akka.Persistence.Sql's snapshot store at SQLite or PostgreSQL (tables created on first start).</summary>
public static class SnapshotStoreConfig
{
    public static Config For(SnapshotSettings settings)
    {
        var (provider, connection) = settings.Provider switch
        {
            "postgresql" => ("PostgreSQL.15", settings.ConnectionString),
            _ => ("SQLite.MS", SqliteConnection(settings.ConnectionString)),
        };
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal.plugin = "akka.persistence.journal.inmem"
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = "{{Escape(connection)}}"
                  provider-name = "{{provider}}"
                  auto-initialize = on
                  # fail fast while the database is down, and try again soon after it is back
                  circuit-breaker { max-failures = 5, call-timeout = 10s, reset-timeout = 5s }
                }
              }
            }
            """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    /// <summary>A bare path becomes "Data Source=path", and its folder is created.</summary>
    internal static string SqliteConnection(string value)
    {
        if (value.Contains('=', StringComparison.Ordinal)) return value;
        var folder = Path.GetDirectoryName(Path.GetFullPath(value));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        return $"Data Source={value}";
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
