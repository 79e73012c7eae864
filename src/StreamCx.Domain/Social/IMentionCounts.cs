namespace StreamCx.Domain.Social;

/// <summary>Negative mentions of one scope counted per bucket of event time: what the acceleration test reads (<see cref="SocialAcceleration"/>).</summary>
public interface IMentionCounts
{
    /// <summary>The first bucket the scope is known from (its baseline starts there); null when nothing is known yet.</summary>
    long? FirstBucket { get; }

    /// <summary>Negative mentions over buckets <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    long NegativesIn(long from, long to);

    /// <summary>The reach of those negative mentions.</summary>
    long ReachIn(long from, long to);
}
