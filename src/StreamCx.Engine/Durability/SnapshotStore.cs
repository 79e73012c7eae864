using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;

namespace StreamCx.Engine.Durability;

/// <summary>
/// Akka.Persistence.Sql's snapshot store on SQLite or PostgreSQL (tables created on first start), set up through
/// Akka.Persistence.Sql.Hosting's options. No journal: Kafka is the log.
/// </summary>
public static class SnapshotStore
{
    /// <summary>
    /// Fail fast while the database is down and try again soon after it is back (Akka.Persistence's defaults wait a minute;
    /// the hosting options have no setting for the snapshot store's breaker).
    /// </summary>
    private static readonly Config Breaker = ConfigurationFactory.ParseString(
        "akka.persistence.snapshot-store.sql.circuit-breaker { max-failures = 5, call-timeout = 10s, reset-timeout = 5s }");

    /// <summary>The store's options for <paramref name="settings"/>.</summary>
    public static SqlSnapshotOptions OptionsFor(SnapshotSettings settings) => new(isDefaultPlugin: true)
    {
        ConnectionString = settings.Provider == "postgresql" ? settings.ConnectionString : SqliteConnection(settings.ConnectionString),
        ProviderName = settings.Provider == "postgresql" ? LinqToDB.ProviderName.PostgreSQL15 : LinqToDB.ProviderName.SQLiteMS,
        AutoInitialize = true,
    };

    /// <summary>Adds the snapshot store to an actor system set up with Akka.Hosting.</summary>
    public static AkkaConfigurationBuilder WithSnapshotStore(this AkkaConfigurationBuilder builder, SnapshotSettings settings) =>
        builder.WithSqlPersistence(snapshotOptions: OptionsFor(settings)).AddHocon(Breaker, HoconAddMode.Prepend);

    /// <summary>The same store for an actor system built from configuration alone (test kits, benchmarks).</summary>
    public static Config ConfigFor(SnapshotSettings settings)
    {
        var options = OptionsFor(settings);
        return Breaker.WithFallback(options.ToConfig()).WithFallback(options.DefaultConfig);
    }

    /// <summary>A bare path becomes "Data Source=path", and its folder is created.</summary>
    internal static string SqliteConnection(string value)
    {
        if (value.Contains('=', StringComparison.Ordinal)) return value;
        var folder = Path.GetDirectoryName(Path.GetFullPath(value));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        return $"Data Source={value}";
    }
}
