namespace StreamCx.Engine.Hosting;

/// <summary>Runtime knobs of the actor engine (configuration section "Engine").</summary>
public sealed class EngineSettings
{
    public int Parallelism { get; set; } = 64;
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RegionPublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Parallelism is < 1 or > 10_000) errors.Add($"Engine:Parallelism must be from 1 to 10000, got {Parallelism}");
        if (AskTimeout <= TimeSpan.Zero) errors.Add($"Engine:AskTimeout must be positive, got {AskTimeout}");
        if (RegionPublishInterval <= TimeSpan.Zero) errors.Add($"Engine:RegionPublishInterval must be positive, got {RegionPublishInterval}");
        return errors;
    }
}
