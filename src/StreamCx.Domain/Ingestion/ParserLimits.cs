namespace StreamCx.Domain.Ingestion;

/// <summary>Bounds on what one message may hold; anything beyond is rejected, never truncated silently.</summary>
public sealed record ParserLimits
{
    public int MaxMessageBytes { get; init; } = 1_048_576;
    public int MaxIdLength { get; init; } = 200;
    public int MaxTextLength { get; init; } = 100;
    public int MaxCommentLength { get; init; } = 4000;
    public int MaxRatings { get; init; } = 100;

    /// <summary>A social mention's <c>url</c> (http or https only).</summary>
    public int MaxUrlLength { get; init; } = 2000;

    /// <summary>Older timestamps are refused: they are mistakes (a default date), and would underflow window arithmetic.</summary>
    public DateTimeOffset EarliestOccurredAt { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An event stamped further than this ahead of the wall clock is refused: it would move the watermark.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(10);
}
