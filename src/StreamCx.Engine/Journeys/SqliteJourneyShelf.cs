using Microsoft.Data.Sqlite;
using StreamCx.Domain.Journeys.Passivation;
using StreamCx.Domain.Snapshots;
using StreamCx.Engine.Durability;

namespace StreamCx.Engine.Journeys;

/// <summary>
/// A channel's passivated journeys in a local SQLite file (as Kafka Streams keeps its state in a local RocksDB): one row per
/// journey, its JSON and its next look, indexed by that look, its customer and its account. Not durable and not meant to
/// be: the channel's snapshots hold its journeys, and a restore fills a fresh shelf. No journal and no sync, a page cache
/// of 2 MiB, writes committed in batches; the file is deleted when the shelf is disposed, and the files an engine killed
/// left behind (named after its process id) by the next shelf opened in their directory. One thread at a time.
/// </summary>
public sealed class SqliteJourneyShelf : IJourneyShelf
{
    private const int WritesPerCommit = 4096;
    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _put, _find, _delete, _due, _deleteDue, _of, _earliest, _all;
    private SqliteTransaction? _writing;
    private int _writes;
    private long? _earliestDue;

    /// <summary>Opens a new shelf in <paramref name="directory"/> (the temporary directory when null), named after <paramref name="channel"/>.</summary>
    public SqliteJourneyShelf(string? directory, string channel)
    {
        var folder = Folder(directory);
        Directory.CreateDirectory(folder);
        SweepOrphans(folder);
        var safe = string.Concat(channel.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        _path = Path.Combine(folder, $"shelf-{safe}-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-2048;");
        Execute("CREATE TABLE shelf (id TEXT NOT NULL PRIMARY KEY, due INTEGER NOT NULL, last INTEGER NOT NULL, customer TEXT, account TEXT, state BLOB NOT NULL);"
            + "CREATE INDEX shelf_due ON shelf (due); CREATE INDEX shelf_customer ON shelf (customer) WHERE customer IS NOT NULL;"
            + "CREATE INDEX shelf_account ON shelf (account) WHERE account IS NOT NULL;");
        _put = Command("INSERT OR REPLACE INTO shelf (id, due, last, customer, account, state) VALUES ($id, $due, $last, $customer, $account, $state)", "$id", "$due", "$last", "$customer", "$account", "$state");
        _find = Command("SELECT state, due FROM shelf WHERE id = $id", "$id");
        _delete = Command("DELETE FROM shelf WHERE id = $id", "$id");
        _due = Command("SELECT state, due FROM shelf WHERE due <= $due", "$due");
        _deleteDue = Command("DELETE FROM shelf WHERE due <= $due", "$due");
        _of = Command("SELECT state, due FROM shelf WHERE customer = $customer OR account = $account", "$customer", "$account");
        _earliest = Command("SELECT MIN(due) FROM shelf");
        _all = Command("SELECT state, due FROM shelf WHERE last >= $since", "$since");
    }

    /// <summary>Why shelves cannot be written in <paramref name="directory"/> (null: they can); checked at start, not at the first idle journey.</summary>
    public static string? Unwritable(string? directory)
    {
        var folder = Folder(directory);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot write the passivated journeys' shelves in '{folder}': {e.Message}";
        }
    }

    /// <summary>Deletes the shelves of engines no longer running (a SIGKILL leaves its files): each name carries its process id.</summary>
    private static void SweepOrphans(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "shelf-*.db"))
        {
            var parts = Path.GetFileNameWithoutExtension(file).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || Running(pid)) continue;
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // another engine sweeping the same directory took it first
            }
        }
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Folder(string? directory) => directory ?? Path.Combine(Path.GetTempPath(), "streamcx-journeys");

    public long Count { get; private set; }

    public long? EarliestDue => Count == 0 ? null : _earliestDue ??= (long)(Scalar(_earliest) ?? long.MaxValue);

    public void Put(JourneyStateSnapshot journey, long due)
    {
        Write();
        Bind(_put, journey.JourneyId, due, journey.LastTicks, (object?)journey.CustomerId ?? DBNull.Value, (object?)journey.AccountId ?? DBNull.Value, SnapshotCodec.EncodeJourney(journey));
        _put.ExecuteNonQuery();
        Count++;
        if (_earliestDue is { } earliest && due < earliest) _earliestDue = due;
    }

    public ShelvedJourney? Take(string journeyId)
    {
        if (Find(journeyId) is not { } found) return null;
        Write();
        Bind(_delete, journeyId);
        _delete.ExecuteNonQuery();
        Count--;
        return found; // the earliest due may now be earlier than any: allowed
    }

    public ShelvedJourney? Find(string journeyId)
    {
        Bind(_find, journeyId);
        return Read(_find).FirstOrDefault();
    }

    public IReadOnlyList<ShelvedJourney> TakeDue(long upTo)
    {
        Bind(_due, upTo);
        var taken = Read(_due).ToList();
        if (taken.Count > 0)
        {
            Write();
            Bind(_deleteDue, upTo);
            _deleteDue.ExecuteNonQuery();
            Count -= taken.Count;
        }
        _earliestDue = null;
        return taken;
    }

    public IReadOnlyList<ShelvedJourney> TakeOf(string? customerId, string? accountId)
    {
        Bind(_of, (object?)customerId ?? DBNull.Value, (object?)accountId ?? DBNull.Value);
        var taken = Read(_of);
        foreach (var j in taken) Take(j.Journey.JourneyId);
        return taken;
    }

    public IEnumerable<ShelvedJourney> All(long activeSince = long.MinValue)
    {
        Bind(_all, activeSince);
        return Read(_all);
    }

    public void Dispose()
    {
        _writing?.Dispose();
        _connection.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // a shelf is a spill of memory: a file left behind holds nothing anyone reads
        }
    }

    /// <summary>Writes go in a transaction committed every <see cref="WritesPerCommit"/> (the connection reads its own writes).</summary>
    private void Write()
    {
        if (_writing is not null && ++_writes < WritesPerCommit) return;
        _writing?.Commit();
        _writing?.Dispose();
        _writing = _connection.BeginTransaction();
        _writes = 0;
        foreach (var command in new[] { _put, _find, _delete, _due, _deleteDue, _of, _earliest, _all }) command.Transaction = _writing;
    }

    private List<ShelvedJourney> Read(SqliteCommand command)
    {
        var rows = new List<ShelvedJourney>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(Row(reader));
        return rows;
    }

    private static ShelvedJourney Row(SqliteDataReader reader) =>
        new(SnapshotCodec.DecodeJourney((byte[])reader.GetValue(0)), reader.GetInt64(1));

    private static object? Scalar(SqliteCommand command)
    {
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
