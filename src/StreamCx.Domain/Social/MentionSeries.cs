using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Listening;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Social;

/// <summary>
/// The social mentions of one scope (a site, or the brand as a whole): negative mentions and their reach per bucket of
/// event time over the retention, all mentions counted, the scope's acceleration alert, and the ids already taken.
/// </summary>
public sealed class MentionSeries(string scope, SocialSettings settings) : IMentionCounts
{
    private static readonly TimeSpan DuplicateHorizon = TimeSpan.FromHours(48);

    private readonly SparseCounts _negatives = new();
    private readonly SparseCounts _reach = new();
    private readonly DuplicateFilter _duplicates = new(DuplicateHorizon, 100_000);

    /// <summary>The site id, or <see cref="ListeningTypes.BrandWide"/>.</summary>
    public string Scope => scope;

    public long? FirstBucket { get; private set; }

    public long NewestBucket { get; private set; }

    public long Mentions { get; private set; }

    public long Negative { get; private set; }

    public SurgeAlertState? Alert { get; set; }

    public long RetentionBuckets => (settings.BaselineDays * 24L * 60 / settings.BucketMinutes) + (settings.Spans.Max() / settings.BucketMinutes);

    /// <summary>Takes one mention; false for a duplicate.</summary>
    public bool Add(SocialMention m)
    {
        var bucket = SparseCounts.BucketOf(m.OccurredAt, settings.BucketWidth);
        var newest = SparseCounts.StartOf(Math.Max(NewestBucket, bucket), settings.BucketWidth);
        if (!_duplicates.TryAdd(m.EventId, m.OccurredAt, newest)) return false;
        Mentions++;
        FirstBucket = FirstBucket is { } first ? Math.Min(first, bucket) : bucket;
        if (m.Sentiment <= settings.NegativeAtOrBelow)
        {
            Negative++;
            _negatives.Add(bucket);
            _reach.Add(bucket, m.Reach);
        }
        if (bucket > NewestBucket)
        {
            NewestBucket = bucket;
            _negatives.Prune(bucket - RetentionBuckets);
            _reach.Prune(bucket - RetentionBuckets);
        }
        return true;
    }

    /// <summary>Negative mentions over buckets <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public long NegativesIn(long from, long to) => _negatives.Sum(from, to);

    /// <summary>The reach of those negative mentions.</summary>
    public long ReachIn(long from, long to) => _reach.Sum(from, to);

    public MentionSeriesSnapshot ToSnapshot() => new(
        FirstBucket, NewestBucket, Mentions, Negative,
        [.. _negatives.Buckets.Select(b => b.Bucket)], [.. _negatives.Buckets.Select(b => b.Count)],
        [.. _reach.Buckets.Select(b => b.Bucket)], [.. _reach.Buckets.Select(b => b.Count)],
        Alert?.Copy(), [.. _duplicates.Entries.Select(e => new RememberedEventId(e.At, e.Id))]);

    public void Restore(MentionSeriesSnapshot s)
    {
        (FirstBucket, NewestBucket, Mentions, Negative, Alert) = (s.FirstBucket, s.NewestBucket, s.Mentions, s.Negative, s.Alert?.Copy());
        for (var i = 0; i < s.NegativeBuckets.Length; i++) _negatives.Add(s.NegativeBuckets[i], s.NegativeCounts[i]);
        for (var i = 0; i < s.ReachBuckets.Length; i++) _reach.Add(s.ReachBuckets[i], s.ReachSums[i]);
        _duplicates.Restore(s.Ids.Select(i => (i.At, i.Id)));
    }
}
