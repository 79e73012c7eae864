using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// The listening sources of the demo, in event time beside the feedback: complaints (<see cref="BackgroundComplaints"/>),
/// incidents (<see cref="BackgroundIncidents"/>), staff reports (<see cref="StaffReports"/>) and social mentions
/// (<see cref="SocialMentions"/>) at everyday rates — <see cref="SimulatorSettings.ListeningPerSitePerHour"/> a site an hour
/// in all — and what they know of the channel simulator's irritants: a <see cref="WaitingTimeComplaints.Reason"/> complaint
/// surge at the waiting-time irritant's site from its start, incidents, staff reports and a burst of negative posts
/// (<see cref="IrritantEpisodes"/>). They start <see cref="BaselineLead"/> before the irritant (earlier than the feedback's
/// history), so the surge tests have the baseline they need (72 h before their longest span of 24 h). <see cref="Until"/>
/// hands over, in event order, every message due by a time; the same seed and settings give the same messages however the
/// time is stepped.
/// </summary>
public sealed class ListeningSimulator
{
    public static readonly TimeSpan BaselineLead = TimeSpan.FromDays(5);
    private readonly SimulatedSchedule _schedule;

    public ListeningSimulator(ReferenceCatalog catalog, SimulatorSettings settings, ChannelSimulator channels, DateTimeOffset simulatedFrom)
    {
        var start = channels.IrritantStart;
        From = start - BaselineLead < simulatedFrom ? start - BaselineLead : simulatedFrom;
        Site = channels.WaitingTimeIrritant;
        SurgeStart = start;
        BurstStart = start + IrritantEpisodes.BurstAfter;
        var (perSite, seed) = (settings.ListeningPerSitePerHour, settings.Seed);
        _schedule = perSite <= 0 ? new([]) : new(
            [
                new BackgroundComplaints(catalog, seed, perSite * 0.35, From),
                new BackgroundIncidents(catalog, seed, perSite * 0.05, From),
                new StaffReports(catalog, seed, perSite * 0.15, From),
                new SocialMentions(catalog, seed, perSite * 0.45, perSite * 2, From),
                new WaitingTimeComplaints(Site, seed, start),
            ],
            IrritantEpisodes.Script(catalog, seed, Site, channels.AvailabilityIrritant, start));
    }

    /// <summary>When the listening sources start: <see cref="BaselineLead"/> before the irritant, or the feedback's history if earlier.</summary>
    public DateTimeOffset From { get; }

    /// <summary>The site of the scripted surge and burst (the waiting-time irritant's).</summary>
    public Site Site { get; }

    public DateTimeOffset SurgeStart { get; }

    public DateTimeOffset BurstStart { get; }

    /// <summary>The messages due at or before <paramref name="upTo"/> not handed over yet, in event order.</summary>
    public IReadOnlyList<SimulatedMessage> Until(DateTimeOffset upTo) => _schedule.Until(upTo);
}
