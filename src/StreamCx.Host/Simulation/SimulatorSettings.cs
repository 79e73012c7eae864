namespace StreamCx.Host.Simulation;

/// <summary>
/// Configuration section "Simulator": the built-in channel systems of the embedded demo. They replay
/// <see cref="HistoryHours"/> of feedback quickly (so the windows have a baseline), then produce live; customers' journeys
/// and B2B accounts' surveys go along in the same event time (<see cref="JourneySimulator"/>).
/// </summary>
public sealed class SimulatorSettings
{
    /// <summary>null: on exactly when no Kafka:BootstrapServers is configured.</summary>
    public bool? Enabled { get; set; }
    public double HistoryHours { get; set; } = 30;
    public double HistorySpeedup { get; set; } = 2400;
    public double ResponsesPerSitePerHour { get; set; } = 30;
    public int Seed { get; set; } = 42;

    /// <summary>Customers' journeys started per hour over all sites (0: none).</summary>
    public double JourneysPerHour { get; set; } = 12;

    /// <summary>The first journey and every this-many-th is a watermelon (0: none).</summary>
    public int WatermelonEvery { get; set; } = 48;

    /// <summary>B2B accounts' relationship surveys per hour over all accounts (0: none).</summary>
    public double AccountSurveysPerHour { get; set; } = 3;

    /// <summary>
    /// Listening messages per site and hour (<see cref="ListeningSimulator"/>): complaints, incidents, staff reports and social
    /// mentions together, twice as many mentions of the brand an hour; 0: none, the scripted surge and burst included.
    /// </summary>
    public double ListeningPerSitePerHour { get; set; } = 0.6;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(HistoryHours is >= 0 and <= 24 * 14)) errors.Add($"Simulator:HistoryHours must be from 0 to 336, got {HistoryHours}");
        if (!(HistorySpeedup is >= 1 and <= 1_000_000)) errors.Add($"Simulator:HistorySpeedup must be from 1 to 1000000, got {HistorySpeedup}");
        if (!(ResponsesPerSitePerHour is > 0 and <= 100_000)) errors.Add($"Simulator:ResponsesPerSitePerHour must be above 0 and at most 100000, got {ResponsesPerSitePerHour}");
        if (!(JourneysPerHour is >= 0 and <= 100_000)) errors.Add($"Simulator:JourneysPerHour must be from 0 to 100000, got {JourneysPerHour}");
        if (WatermelonEvery < 0) errors.Add($"Simulator:WatermelonEvery must not be negative, got {WatermelonEvery}");
        if (!(AccountSurveysPerHour is >= 0 and <= 100_000)) errors.Add($"Simulator:AccountSurveysPerHour must be from 0 to 100000, got {AccountSurveysPerHour}");
        if (!(ListeningPerSitePerHour is >= 0 and <= 1000)) errors.Add($"Simulator:ListeningPerSitePerHour must be from 0 to 1000, got {ListeningPerSitePerHour}");
        return errors;
    }
}
