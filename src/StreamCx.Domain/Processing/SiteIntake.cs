using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Social;
using StreamCx.Domain.Units;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// The front door of one site: drops duplicate event ids, classifies lateness against the site's watermark,
/// keeps the headline scores, the scores per unit, the site's incidents and negative social mentions, and cuts the event into per-attribute observations.
/// </summary>
public sealed class SiteIntake
{
    private readonly DuplicateFilter _duplicates;

    public SiteIntake(Site site, DetectionSettings settings, SocialSettings? social = null)
    {
        Site = site;
        Mentions = new SiteMentions(social ?? new SocialSettings());
        Watermark = new Watermark(settings.MaxOutOfOrderness, settings.AllowedLateness);
        _duplicates = new DuplicateFilter(settings.DuplicateHorizon, settings.MaxRememberedEventIdsPerSite);
        var clock = new BucketClock(settings.BucketWidth);
        Headline = new HeadlineScores(clock, settings.PeerWindow, clock.BucketsIn(settings.PeerWindow + settings.AllowedLateness + settings.MaxOutOfOrderness) + 1);
    }

    public Site Site { get; }

    public Watermark Watermark { get; }

    public HeadlineScores Headline { get; }

    /// <summary>The site's scores per unit (seller, agent, team), from the events not too late.</summary>
    public SiteUnits Units { get; } = new();

    /// <summary>
    /// The site's operational incidents (<see cref="IncidentBook"/>), taken as they come — they may come ahead of the
    /// feedback — and forgotten <see cref="IncidentBook.Retention"/> before the feedback the site takes.
    /// </summary>
    public IncidentBook Incidents { get; } = new();

    /// <summary>The site's days of incidents and ratings, for its region to measure how incident types go with attributes.</summary>
    public SiteDays Days { get; } = new();

    /// <summary>
    /// The site's negative social mentions (<see cref="SiteMentions"/>), taken as they come and forgotten their retention
    /// before the feedback the site takes: an alert open at the site is escalated when they rise.
    /// </summary>
    public SiteMentions Mentions { get; }

    public DuplicateFilter Duplicates => _duplicates;

    public SiteIntakeSnapshot ToSnapshot()
    {
        var (nps, csat, ces) = Headline.Buckets;
        return new SiteIntakeSnapshot(Watermark.NewestEventTime, _duplicates.Entries.Select(e => new RememberedEventId(e.At, e.Id)).ToArray(), nps, csat, ces)
        {
            Units = Units.Capture(),
            Incidents = Incidents.Incidents.Count == 0 ? null : Incidents.ToSnapshot(),
            Mentions = Mentions.FirstBucket is null ? null : Mentions.ToSnapshot(),
            Days = Days.Count == 0 ? null : Days.Capture(Site.SiteId),
        };
    }

    public void Restore(SiteIntakeSnapshot s)
    {
        Watermark.Restore(s.NewestEventTime);
        _duplicates.Restore(s.EventIds.Select(e => (e.At, e.Id)));
        Headline.Restore(s.Nps, s.Csat, s.Ces);
        Units.Restore(s.Units);
        Incidents.Restore(s.Incidents ?? new([]));
        Mentions.Restore(s.Mentions ?? new(null, []));
        Days.Restore(s.Days ?? []);
    }

    public IntakeOutcome Admit(FeedbackEvent e)
    {
        var newest = Watermark.NewestEventTime is { } n && n > e.OccurredAt ? n : e.OccurredAt;
        if (!_duplicates.TryAdd(e.EventId, e.OccurredAt, newest)) return IntakeOutcome.Duplicate;
        var lateness = Watermark.Classify(e.OccurredAt);
        Watermark.Advance(e.OccurredAt);
        Incidents.ForgetBefore(e.OccurredAt - IncidentBook.Retention);
        Mentions.Observe(e.OccurredAt);
        Mentions.ForgetBefore(newest - Mentions.Retention);
        Days.ForgetBefore(SiteDays.DayOf(newest) - SiteDays.Retention);
        if (lateness != Lateness.TooLate)
        {
            Headline.Add(e);
            Units.Observe(e);
        }
        return lateness switch
        {
            Lateness.OnTime => IntakeOutcome.OnTime,
            Lateness.Late => IntakeOutcome.Late,
            _ => IntakeOutcome.TooLate,
        };
    }

    public static AttributeObservation Observation(FeedbackEvent e, string attributeId, double value) =>
        new(attributeId, e.EventId, e.OccurredAt, e.Channel, value, e.Nps, e.Comment);
}

public enum IntakeOutcome
{
    OnTime,
    Late,
    TooLate,
    Duplicate,
}

public static class IntakeOutcomeExtensions
{
    public static Lateness ToLateness(this IntakeOutcome outcome) => outcome switch
    {
        IntakeOutcome.Late => Lateness.Late,
        IntakeOutcome.TooLate => Lateness.TooLate,
        _ => Lateness.OnTime,
    };
}
