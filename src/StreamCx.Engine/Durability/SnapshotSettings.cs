namespace StreamCx.Engine.Durability;

/// <summary>
/// Configuration section "Snapshots": where site state is snapshotted and how often. SQLite is the embedded default;
/// PostgreSQL is the production store.
/// </summary>
public sealed class SnapshotSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For SQLite, a file path is enough ("Data Source=" is added); for PostgreSQL an Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "data/streamcx-snapshots.db";

    /// <summary>A site snapshots after this many applied events…</summary>
    public int EveryEvents { get; set; } = 5000;

    /// <summary>…and at least this often while it has unsaved changes.</summary>
    public TimeSpan EveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enabled) return errors;
        if (Provider is not ("sqlite" or "postgresql")) errors.Add($"Snapshots:Provider must be 'sqlite' or 'postgresql', got '{Provider}'");
        if (string.IsNullOrWhiteSpace(ConnectionString)) errors.Add("Snapshots:ConnectionString is missing");
        if (EveryEvents < 1) errors.Add($"Snapshots:EveryEvents must be at least 1, got {EveryEvents}");
        if (EveryInterval <= TimeSpan.Zero) errors.Add($"Snapshots:EveryInterval must be positive, got {EveryInterval}");
        return errors;
    }
}
