using StreamCx.Domain.Service;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="ServiceKpis"/> holds, as plain data: the sums of each site, channel and day (by site, then channel, then day).</summary>
public sealed record ServiceKpisSnapshot(IReadOnlyList<ServiceSumsSnapshot> Sums);

/// <summary>The sums behind one site and channel's <see cref="ServiceView"/>.</summary>
public sealed record ServiceSumsSnapshot(
    string SiteId, string Channel, long Responses,
    long FcrKnown, long FcrYes, long AhtN, double AhtSum, long ContactsN, double ContactsSum,
    HeadlineCounts ResolvedFirst, HeadlineCounts NotResolvedFirst,
    long Pairs, double Sx, double Sy, double Sxy, double Sxx, double Syy)
{
    /// <summary>The day of event time (days since the Unix epoch, UTC) the sums are of (null in a snapshot written before days were kept).</summary>
    public long? Day { get; init; }
}

/// <summary>The NPS and CSAT counts of a group of responses.</summary>
public sealed record HeadlineCounts(long NpsN, long Promoters, long Detractors, long CsatN, long Satisfied);
