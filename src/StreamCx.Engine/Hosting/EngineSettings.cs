using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Hosting;

/// <summary>Runtime knobs of the actor engine (configuration section "Engine").</summary>
public sealed class EngineSettings
{
    /// <summary>Batches of events in flight between the ingestion stream and the sites.</summary>
    public int Parallelism { get; set; } = 64;

    /// <summary>At most this many events per batch; batches only form while the sites are behind.</summary>
    public int BatchSize { get; set; } = FeedbackPipeline.DefaultBatchSize;

    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RegionPublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Parallelism is < 1 or > 10_000) errors.Add($"Engine:Parallelism must be from 1 to 10000, got {Parallelism}");
        if (BatchSize is < 1 or > 100_000) errors.Add($"Engine:BatchSize must be from 1 to 100000, got {BatchSize}");
        if (AskTimeout <= TimeSpan.Zero) errors.Add($"Engine:AskTimeout must be positive, got {AskTimeout}");
        if (RegionPublishInterval <= TimeSpan.Zero) errors.Add($"Engine:RegionPublishInterval must be positive, got {RegionPublishInterval}");
        return errors;
    }
}
