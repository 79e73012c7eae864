using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using StreamCx.Engine.Durability;

namespace StreamCx.Engine.AlertLog;

/// <summary>
/// The alert log in the state store every engine of a group shares (SQLite embedded, PostgreSQL in production): one
/// table, <c>streamcx_alert_log</c>, numbered by the database. Writers are serialized (SQLite has one writer; PostgreSQL
/// takes a table lock for the insert) so that ids are committed in increasing order and a reader that has seen id N
/// never later finds an entry below N. An entry with a key already written (the same emission raised again after a
/// crash or a rebalance) is not written twice. Without a state store (snapshots off) the log is a private in-memory
/// SQLite database: one way, whatever the configuration.
/// </summary>
public sealed class SqlAlertLog : IAsyncDisposable
{
    private const string Table = "streamcx_alert_log";
    private readonly bool _postgres;
    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive; // an in-memory database lives while a connection to it is open
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    private SqlAlertLog(bool postgres, string connectionString, SqliteConnection? keepAlive) =>
        (_postgres, _connectionString, _keepAlive) = (postgres, connectionString, keepAlive);

    /// <summary>The log in the configured state store, or in memory when there is none.</summary>
    public static SqlAlertLog For(SnapshotSettings settings)
    {
        if (settings.Enabled && settings.Provider == "postgresql") return new SqlAlertLog(true, settings.ConnectionString, null);
        if (settings.Enabled) return new SqlAlertLog(false, WithTimeout(SnapshotStore.SqliteConnection(settings.ConnectionString)), null);
        var memory = $"Data Source=streamcx-alert-log-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(memory);
        keepAlive.Open();
        return new SqlAlertLog(false, memory, keepAlive);
    }

    /// <summary>Creates the table when it is not there yet (once per process; again after a failure).</summary>
    private async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (_created) return;
        await _creating.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_created) await CreateAsync(ct).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _creating.Release();
        }
    }

    private async Task CreateAsync(CancellationToken ct)
    {
        var id = _postgres ? "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "id INTEGER PRIMARY KEY AUTOINCREMENT";
        await using var connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {Table} ({id}, kind TEXT NOT NULL, entry_key TEXT NOT NULL UNIQUE, data TEXT NOT NULL)";
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Writes one entry; returns its id, or null when an entry with this key was already written.</summary>
    public async Task<long?> AppendAsync(string kind, string key, string data, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var insert = $"INSERT INTO {Table} (kind, entry_key, data) VALUES (@kind, @key, @data) ON CONFLICT (entry_key) DO NOTHING RETURNING id";
        command.CommandText = _postgres ? $"LOCK TABLE {Table} IN SHARE ROW EXCLUSIVE MODE; {insert}" : insert;
        Add(command, "@kind", kind);
        Add(command, "@key", key);
        Add(command, "@data", data);
        var id = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>At most <paramref name="max"/> entries after id <paramref name="after"/>, in id order.</summary>
    public async Task<IReadOnlyList<AlertLogEntry>> ReadAfterAsync(long after, int max, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, kind, data FROM {Table} WHERE id > @after ORDER BY id LIMIT @max";
        Add(command, "@after", after);
        Add(command, "@max", max);
        var entries = new List<AlertLogEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) entries.Add(new AlertLogEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        if (_keepAlive is not null) await _keepAlive.DisposeAsync().ConfigureAwait(false);
        _creating.Dispose();
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        return await ConnectAsync(ct).ConfigureAwait(false);
    }

    private async Task<DbConnection> ConnectAsync(CancellationToken ct)
    {
        DbConnection connection = _postgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Engines sharing one SQLite file wait for each other's writes rather than fail at once.</summary>
    private static string WithTimeout(string connection) =>
        connection.Contains("Timeout", StringComparison.OrdinalIgnoreCase) ? connection : connection.TrimEnd(';') + ";Default Timeout=30";
}
