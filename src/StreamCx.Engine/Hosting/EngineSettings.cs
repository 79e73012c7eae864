using StreamCx.Domain.EventTime;
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

    /// <summary>A source partition that delivered nothing for this long (and did not say it is caught up) stops holding event time back.</summary>
    public TimeSpan IdleTimeout { get; set; } = new EventTimeSettings().IdleTimeout;

    /// <summary>An event further ahead of its partition's time than this is held as an outlier until others corroborate it.</summary>
    public TimeSpan OutlierThreshold { get; set; } = new EventTimeSettings().OutlierThreshold;

    /// <summary>How many events in a row beyond <see cref="OutlierThreshold"/> make a genuine jump of a partition's time.</summary>
    public int OutlierCorroboration { get; set; } = new EventTimeSettings().Corroboration;

    /// <summary>How long a caught-up partition still holds event time back once others are ahead of it (the time its next fetch may take).</summary>
    public TimeSpan CaughtUpWait { get; set; } = new EventTimeSettings().CaughtUpWait;

    /// <summary>How long a source partition whose reader stopped reporting it (that engine died) still holds event time back.</summary>
    public TimeSpan ReaderTimeout { get; set; } = new EventTimeSettings().ReaderTimeout;

    public EventTimeSettings EventTime => new()
    {
        IdleTimeout = IdleTimeout, OutlierThreshold = OutlierThreshold, Corroboration = OutlierCorroboration, CaughtUpWait = CaughtUpWait, ReaderTimeout = ReaderTimeout,
    };

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Parallelism is < 1 or > 10_000) errors.Add($"Engine:Parallelism must be from 1 to 10000, got {Parallelism}");
        if (BatchSize is < 1 or > 100_000) errors.Add($"Engine:BatchSize must be from 1 to 100000, got {BatchSize}");
        if (AskTimeout <= TimeSpan.Zero) errors.Add($"Engine:AskTimeout must be positive, got {AskTimeout}");
        errors.AddRange(EventTime.Validate().Select(e => $"Engine:{e.Replace(nameof(EventTimeSettings.Corroboration), nameof(OutlierCorroboration), StringComparison.Ordinal)}"));
        return errors;
    }
}
