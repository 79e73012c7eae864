using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// A site's headline scores over a sliding window: NPS (% promoters 9-10 minus % detractors 0-6), CSAT (% of 4-5)
/// and CES (mean). Each response is stored as its contribution so that a window mean is the score.
/// </summary>
public sealed class HeadlineScores
{
    private readonly BucketRing _nps, _csat, _ces;
    private readonly int _windowBuckets;

    public HeadlineScores(BucketClock clock, TimeSpan window, int capacity)
    {
        _windowBuckets = clock.BucketsIn(window);
        _nps = new BucketRing(clock, capacity);
        _csat = new BucketRing(clock, capacity);
        _ces = new BucketRing(clock, capacity);
    }

    public static double NpsContribution(int nps) => nps >= 9 ? 100 : nps <= 6 ? -100 : 0;

    public static double CsatContribution(int csat) => csat >= 4 ? 100 : 0;

    public void Add(FeedbackEvent e)
    {
        if (e.Nps is { } nps && _nps.Accepts(_nps.Clock.IndexOf(e.OccurredAt))) _nps.Add(e.OccurredAt, NpsContribution(nps), nps <= 6);
        if (e.Csat is { } csat && _csat.Accepts(_csat.Clock.IndexOf(e.OccurredAt))) _csat.Add(e.OccurredAt, CsatContribution(csat), csat <= 2);
        if (e.Ces is { } ces && _ces.Accepts(_ces.Clock.IndexOf(e.OccurredAt))) _ces.Add(e.OccurredAt, ces, ces >= 5);
    }

    public (IReadOnlyList<Bucket> Nps, IReadOnlyList<Bucket> Csat, IReadOnlyList<Bucket> Ces) Buckets =>
        (_nps.Filled().ToArray(), _csat.Filled().ToArray(), _ces.Filled().ToArray());

    public void Restore(IReadOnlyList<Bucket> nps, IReadOnlyList<Bucket> csat, IReadOnlyList<Bucket> ces)
    {
        _nps.Restore(nps);
        _csat.Restore(csat);
        _ces.Restore(ces);
    }

    public SiteHeadline Current => new(Window(_nps), Window(_csat), Window(_ces));

    private WindowStats Window(BucketRing ring) =>
        ring.Newest == long.MinValue ? default : ring.Stats(ring.Newest - _windowBuckets + 1, ring.Newest);
}

/// <summary>NPS, CSAT % and CES mean of a site over the score window, each with its response count.</summary>
public readonly record struct SiteHeadline(WindowStats Nps, WindowStats Csat, WindowStats Ces);
