using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Listening;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Complaints;

/// <summary>
/// One site's complaints: counts per reason and channel per hour of event time over the retention (the baseline and the
/// longest span), the surge alert of each reason, and the ids already taken. Distinct reasons and channels are bounded
/// (<see cref="ComplaintSettings.MaxKeysPerSite"/>): beyond, they count under <see cref="ComplaintSettings.Overflow"/>.
/// </summary>
public sealed class SiteComplaints(string siteId, ComplaintSettings settings)
{
    private static readonly TimeSpan DuplicateHorizon = TimeSpan.FromHours(48);
    private const int MaxRememberedIds = 100_000;

    private readonly Dictionary<string, Dictionary<string, SparseCounts>> _byReason = new(StringComparer.Ordinal);
    private readonly DuplicateFilter _duplicates = new(DuplicateHorizon, MaxRememberedIds);
    private int _keys;

    public string SiteId => siteId;

    /// <summary>The hour of the first complaint taken here (the start of its baseline), and of the newest.</summary>
    public long? FirstHour { get; private set; }

    public long NewestHour { get; private set; }

    public long Total { get; private set; }

    /// <summary>The surge alert of each reason that has one open (or resolved, until it opens again).</summary>
    public Dictionary<string, SurgeAlertState> Alerts { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Reasons => _byReason.Keys;

    /// <summary>Takes one complaint (or staff report); false for a duplicate of one already taken.</summary>
    public bool Add(CountedEvent c)
    {
        var newest = SparseCounts.StartOfHour(Math.Max(NewestHour, SparseCounts.HourOf(c.OccurredAt)));
        if (!_duplicates.TryAdd(c.EventId, c.OccurredAt, newest)) return false;
        var hour = SparseCounts.HourOf(c.OccurredAt);
        Series(c.Key, c.Channel).Add(hour);
        Total++;
        FirstHour = FirstHour is { } first ? Math.Min(first, hour) : hour;
        if (hour > NewestHour)
        {
            NewestHour = hour;
            Prune(hour - RetentionHours);
        }
        return true;
    }

    public long RetentionHours => (settings.BaselineDays * 24L) + settings.LongestSpan;

    /// <summary>Complaints for <paramref name="reasonId"/> (all channels) over hours <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public long Count(string reasonId, long from, long to)
    {
        if (!_byReason.TryGetValue(reasonId, out var channels)) return 0;
        long sum = 0;
        foreach (var counts in channels.Values) sum += counts.Sum(from, to);
        return sum;
    }

    /// <summary>Complaints per reason and channel over hours <paramref name="from"/> to <paramref name="to"/> (for the reasons board).</summary>
    public IEnumerable<(string Reason, string Channel, long Count)> Counts(long from, long to)
    {
        foreach (var (reason, channels) in _byReason)
            foreach (var (channel, counts) in channels)
                if (counts.Sum(from, to) is var n and > 0) yield return (reason, channel, n);
    }

    private SparseCounts Series(string reason, string channel)
    {
        if (!_byReason.TryGetValue(reason, out var channels))
        {
            if (_keys >= settings.MaxKeysPerSite && reason != ComplaintSettings.Overflow) return Series(ComplaintSettings.Overflow, channel);
            _byReason[reason] = channels = new(StringComparer.Ordinal);
        }
        if (!channels.TryGetValue(channel, out var counts))
        {
            if (_keys >= settings.MaxKeysPerSite && channel != ComplaintSettings.Overflow) return Series(reason, ComplaintSettings.Overflow);
            channels[channel] = counts = new SparseCounts();
            _keys++;
        }
        return counts;
    }

    private void Prune(long oldest)
    {
        foreach (var channels in _byReason.Values)
            foreach (var counts in channels.Values) counts.Prune(oldest);
    }

    public SiteComplaintsSnapshot ToSnapshot() => new(
        FirstHour, NewestHour, Total,
        // every series, even one the retention emptied: each counts toward the bound on reasons and channels
        _byReason.SelectMany(r => r.Value.Select(c => new ComplaintSeriesSnapshot(r.Key, c.Key, [.. c.Value.Buckets.Select(h => h.Bucket)], [.. c.Value.Buckets.Select(h => h.Count)])))
            .ToArray(),
        Alerts.ToDictionary(a => a.Key, a => a.Value.Copy(), StringComparer.Ordinal),
        _duplicates.Entries.Select(e => new RememberedEventId(e.At, e.Id)).ToArray());

    public void Restore(SiteComplaintsSnapshot s)
    {
        _byReason.Clear();
        Alerts.Clear();
        _keys = 0;
        (FirstHour, NewestHour, Total) = (s.FirstHour, s.NewestHour, s.Total);
        foreach (var series in s.Series)
        {
            var counts = Series(series.Reason, series.Channel);
            for (var i = 0; i < series.Hours.Length; i++) counts.Add(series.Hours[i], series.Counts[i]);
        }
        foreach (var (reason, alert) in s.Alerts) Alerts[reason] = alert.Copy();
        _duplicates.Restore(s.Ids.Select(i => (i.At, i.Id)));
    }
}

/// <summary>What a site's counts take: a complaint (key: its reason, channel: its channel) or a staff report (key: its attribute or topic, channel: the reporter's role).</summary>
public readonly record struct CountedEvent(string EventId, DateTimeOffset OccurredAt, string SiteId, string Key, string Channel);
