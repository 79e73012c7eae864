using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Social;

/// <summary>
/// One site's negative social mentions as its survey alerts see them (<see cref="SpreadingEscalation"/>): each id once while
/// kept, in event order, at most <see cref="MaxKept"/> (the latest), and those before a time forgotten when the site says so
/// (<see cref="ForgetBefore"/>, behind the feedback it takes: mentions may reach it ahead of its feedback). The baseline
/// starts from the first thing the site is known by, a mention or its feedback (<see cref="Observe"/>), so a site mentioned
/// for the first time in a burst is compared with the quiet days before it.
/// </summary>
public sealed class SiteMentions(SocialSettings settings) : IMentionCounts
{
    public const int MaxKept = 5000;

    private readonly List<KeptMention> _kept = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public long? FirstBucket { get; private set; }

    public IReadOnlyList<KeptMention> Kept => _kept;

    /// <summary>How far back the site keeps mentions behind its feedback: the baseline, the longest span and a day of lateness.</summary>
    public TimeSpan Retention => TimeSpan.FromDays(settings.BaselineDays + 1) + TimeSpan.FromMinutes(settings.Spans.Max());

    /// <summary>Something of the site happened at <paramref name="at"/> (its feedback): its baseline starts no later.</summary>
    public void Observe(DateTimeOffset at) => Known(Bucket(at));

    /// <summary>Takes one mention of the site; false for a mention that is not negative, or whose id is kept already.</summary>
    public bool Add(SocialMention m)
    {
        var bucket = Bucket(m.OccurredAt);
        Known(bucket);
        if (m.Sentiment > settings.NegativeAtOrBelow || !_ids.Add(m.EventId)) return false;
        var kept = new KeptMention(m.EventId, bucket, m.Reach);
        var at = _kept.Count;
        while (at > 0 && Later(_kept[at - 1], kept)) at--;
        _kept.Insert(at, kept);
        if (_kept.Count > MaxKept) RemoveFirst(_kept.Count - MaxKept);
        return true;
    }

    /// <summary>Forgets the mentions before <paramref name="cutoff"/>.</summary>
    public void ForgetBefore(DateTimeOffset cutoff)
    {
        var oldest = Bucket(cutoff);
        var drop = 0;
        while (drop < _kept.Count && _kept[drop].Bucket < oldest) drop++;
        RemoveFirst(drop);
    }

    public long NegativesIn(long from, long to)
    {
        long n = 0;
        for (var i = _kept.Count - 1; i >= 0 && _kept[i].Bucket >= from; i--)
            if (_kept[i].Bucket <= to) n++;
        return n;
    }

    public long ReachIn(long from, long to)
    {
        long reach = 0;
        for (var i = _kept.Count - 1; i >= 0 && _kept[i].Bucket >= from; i--)
            if (_kept[i].Bucket <= to) reach += _kept[i].Reach;
        return reach;
    }

    public SiteMentionsSnapshot ToSnapshot() => new(FirstBucket, [.. _kept]);

    public void Restore(SiteMentionsSnapshot s)
    {
        FirstBucket = s.FirstBucket;
        _kept.Clear();
        _ids.Clear();
        foreach (var m in s.Kept.OrderBy(m => m.Bucket).ThenBy(m => m.EventId, StringComparer.Ordinal))
            if (_ids.Add(m.EventId)) _kept.Add(m);
    }

    private long Bucket(DateTimeOffset at) => SparseCounts.BucketOf(at, settings.BucketWidth);

    private void Known(long bucket) => FirstBucket = FirstBucket is { } first ? Math.Min(first, bucket) : bucket;

    private void RemoveFirst(int count)
    {
        if (count <= 0) return;
        for (var k = 0; k < count; k++) _ids.Remove(_kept[k].EventId);
        _kept.RemoveRange(0, count);
    }

    private static bool Later(KeptMention a, KeptMention b) =>
        a.Bucket > b.Bucket || (a.Bucket == b.Bucket && string.CompareOrdinal(a.EventId, b.EventId) > 0);
}

/// <summary>A negative mention a site keeps: its id, its bucket of event time, its reach.</summary>
public sealed record KeptMention(string EventId, long Bucket, long Reach);
