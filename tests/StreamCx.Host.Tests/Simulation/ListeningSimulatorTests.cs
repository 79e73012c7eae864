using System.Text;
using StreamCx.Domain.Contracts;
using StreamCx.Host.Simulation;

namespace StreamCx.Host.Tests.Simulation;

/// <summary>
/// The demo's listening sources: what they send parses without a dead letter, the same seed sends the same, and through
/// the domain's <see cref="Domain.Listening.ListeningProcessor"/> (as <c>replay</c> and the engine apply them) the scripted
/// complaint surge, staff reports and social burst open their alerts at the scripted site within the first hours after the
/// irritant starts, and no other site opens one of those kinds.
/// </summary>
public sealed class ListeningSimulatorTests
{
    private static readonly SimulatedListening Run = SimulatedListening.Run(new SimulatorSettings(), SimulatedListening.LiveStart.AddHours(6));

    private static string SiteId => Run.Simulator.Site.SiteId;

    [Fact]
    public void Every_message_parses_as_valid_of_every_type_and_only_the_uncatalogued_reasons_are_flagged()
    {
        Assert.True(Run.Messages.Count > 3000, $"{Run.Messages.Count} messages");
        Assert.All(Run.Messages.Zip(Run.Parsed), mp =>
        {
            var (message, parsed) = mp;
            Assert.True(parsed.Listening is not null, $"{parsed.Rejection}: {Encoding.UTF8.GetString(message.Value)}");
            Assert.Equal(message.At, parsed.Listening.OccurredAt);
            Assert.Equal(parsed.Listening.SiteId ?? ListeningTypes.BrandWide, message.Key);
            var expected = parsed.Listening is Complaint c && !SimulatedListening.Catalog.Listening.IsKnownReason(c.ReasonId) ? CatalogFlags.UnknownReason : CatalogFlags.None;
            Assert.Equal(expected, parsed.Listening.Flags);
        });
        Assert.Equal(ListeningTypes.All.Order(), Run.Listening.Select(l => l.Type).Distinct().Order());
        var uncatalogued = Run.Listening.OfType<Complaint>().Where(c => c.Flags == CatalogFlags.UnknownReason).ToList();
        Assert.InRange(uncatalogued.Count, 3, 60);
        Assert.Equal(["loyalty-points", "parking-full"], uncatalogued.Select(c => c.ReasonId).Distinct().Order());
        Assert.Contains(Run.Listening.OfType<Incident>(), i => i.Magnitude is not null && i.EndedAt is not null);
        Assert.Contains(Run.Listening.OfType<SocialMention>(), m => m.SiteId is null);
        Assert.True(Run.Simulator.From <= SimulatedListening.IrritantStart - ListeningSimulator.BaselineLead);
        Assert.True(Run.Messages[0].At < SimulatedListening.From.AddDays(-3), $"first at {Run.Messages[0].At}");
    }

    [Fact]
    public void Messages_come_in_event_order_and_each_one_once()
    {
        Assert.Equal(Run.Messages.OrderBy(m => m, SimulatedMessage.EventOrder), Run.Messages);
        Assert.Equal(Run.Messages.Count, Run.Messages.Select(m => m.EventId).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_messages_however_time_is_stepped_and_another_seed_others()
    {
        var to = SimulatedListening.LiveStart;
        static string[] Json(IEnumerable<SimulatedMessage> ms) => [.. ms.Select(m => m.Key + " " + Encoding.UTF8.GetString(m.Value))];
        var byMinute = Json(SimulatedListening.Produce(new SimulatorSettings(), to, TimeSpan.FromMinutes(1)));
        var byUnevenSteps = Json(SimulatedListening.Produce(new SimulatorSettings(), to, TimeSpan.FromMinutes(17)));
        var otherSeed = Json(SimulatedListening.Produce(new SimulatorSettings { Seed = 7 }, to, TimeSpan.FromMinutes(1)));

        Assert.Equal(byUnevenSteps, byMinute.Take(byUnevenSteps.Length));
        Assert.True(byUnevenSteps.Length > 3000);
        Assert.NotEqual(byMinute.Take(50), otherSeed.Take(50));
    }

    [Fact]
    public void The_scripted_surge_opens_a_complaints_alert_at_the_irritant_site_citing_its_incidents_and_no_other_site_opens_one()
    {
        var opened = Opened<ComplaintsFactor>();

        var alert = Assert.Single(opened);
        Assert.Equal((SiteId, "waiting-time", WaitingTimeComplaints.Reason), (alert.SiteId, alert.AttributeId, ((ComplaintsFactor)alert.Factors[0]).ReasonId));
        Assert.InRange(alert.RaisedAt, Run.Simulator.SurgeStart, Run.Simulator.BurstStart);
        Assert.Contains(((ComplaintsFactor)alert.Factors[0]).Incidents ?? [], i => i.IncidentType is "absenteeism" or "breakdown");
    }

    [Fact]
    public void The_scripted_burst_opens_a_social_alert_at_the_irritant_site_spreading_its_complaints_and_no_other_scope_opens_one()
    {
        var alert = Assert.Single(Opened<SocialFactor>());

        Assert.Equal(SiteId, alert.SiteId);
        Assert.InRange(alert.RaisedAt, Run.Simulator.BurstStart, Run.Simulator.BurstStart.AddMinutes(30));
        Assert.NotNull(((SocialFactor)alert.Factors[0]).Spreading);
    }

    [Fact]
    public void The_staff_reports_open_an_internal_alert_on_waiting_time_at_the_irritant_site_only()
    {
        var alert = Assert.Single(Opened<InternalFactor>());

        Assert.Equal((SiteId, "waiting-time"), (alert.SiteId, alert.AttributeId));
        Assert.InRange(alert.RaisedAt, Run.Simulator.SurgeStart, Run.Simulator.SurgeStart.AddHours(4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Other_seeds_open_the_same_alerts_at_the_irritant_sites_and_none_elsewhere(int seed)
    {
        var run = SimulatedListening.Run(new SimulatorSettings { Seed = seed }, SimulatedListening.LiveStart.AddHours(6), responsesPerSitePerHour: 0);

        var opened = run.Alerts.Where(a => a.Status == AlertStatus.Open).ToList();
        Assert.Equal(["ComplaintsFactor", "IncidentsFactor", "InternalFactor", "SocialFactor"], opened.Select(a => a.Factors[0].GetType().Name).Order());
        Assert.All(opened.Where(a => a.Factors[0] is not IncidentsFactor), a => Assert.Equal(run.Simulator.Site.SiteId, a.SiteId));
        // the run of stock-outs at the availability irritant's site: an early warning on product availability, before the irritant starts
        var warning = Assert.Single(opened, a => a.Factors[0] is IncidentsFactor);
        var availability = new ChannelSimulator(SimulatedListening.Catalog, seed, SimulatedListening.IrritantStart).AvailabilityIrritant;
        Assert.Equal((availability.SiteId, "stock-out"), (warning.SiteId, ((IncidentsFactor)warning.Factors[0]).IncidentType));
        Assert.Contains("Early warning: they bear on Product availability", warning.Explanation, StringComparison.Ordinal);
        Assert.True(warning.RaisedAt < SimulatedListening.IrritantStart, $"raised at {warning.RaisedAt:O}");
    }

    [Fact]
    public void The_feedback_carries_units_and_service_figures_and_the_irritant_site_has_a_worse_seller()
    {
        var units = Run.Sites.Site(SiteId)!.Units;
        var sellers = units.Scores("waiting-time").Where(u => u.UnitId.StartsWith("seller-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sellers.Count);
        Assert.All(sellers, s => Assert.NotNull(s.Mean));
        // seller-1 takes most of the dissatisfied waits once the irritant started (9 h before the end): the drill-down names it
        var drop = units.Drop("waiting-time", recentHours: 9);
        Assert.True(drop.Count > 0 && drop[0].UnitId == "seller-1", $"{string.Join(", ", drop)}; over a day: {string.Join(", ", sellers)}");

        var service = Run.Processor.Service.Of(null, SiteId);
        Assert.Equal(["chat", "email", "phone"], service.Select(s => s.Channel));
        Assert.All(service, s => Assert.InRange(s.FirstContactResolutionRate!.Value, 40, 95));
        // the sites keep their days of incidents and ratings, for their region's incident correlation (measured once 20 site-days are closed)
        Assert.Contains(SimulatedListening.Catalog.SitesIn("south"), s => Run.Sites.Site(s.SiteId)?.Days.Capture(s.SiteId).Any(d => d.Incidents.Count > 0 && d.Ratings.Count > 0) == true);
    }

    [Fact]
    public void The_irritant_site_s_waiting_time_alert_names_the_worse_seller()
    {
        var alerts = Run.SurveyAlerts.Where(a => a.SiteId == SiteId && a.AttributeId == "waiting-time" && a.Status != AlertStatus.Resolved).ToList();

        Assert.NotEmpty(alerts);
        var named = alerts.Where(a => a.Units is not null).ToList();
        Assert.True(named.Count > 0, $"{alerts.Count} emissions, none names a unit: {string.Join(" | ", alerts.Select(a => a.Explanation))}");
        Assert.All(named, a => Assert.Equal("seller-1", a.Units![0].UnitId));
        Assert.Contains("Most of the drop comes from seller-1: ", named[0].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(Run.SurveyAlerts, a => a.SiteId != SiteId && a.Units is not null);
    }

    [Fact]
    public void The_irritant_site_s_waiting_time_alert_is_escalated_as_spreading_by_the_scripted_burst()
    {
        var alerts = Run.SurveyAlerts.Where(a => a.SiteId == SiteId && a.AttributeId == "waiting-time").ToList();
        var burst = Assert.Single(Opened<SocialFactor>()).RaisedAt;

        var escalated = alerts.FirstOrDefault(a => a.Factors.Any(f => f is SocialFactor));
        Assert.True(escalated is not null, $"no escalation among {alerts.Count} emissions: {string.Join(" | ", alerts.Select(a => $"{a.Status} {a.RaisedAt:HH:mm}"))}");
        Assert.Equal(AlertStatus.Updated, escalated.Status);
        Assert.Equal("Waiting time", ((SocialFactor)escalated.Factors.Single(f => f is SocialFactor)).Spreading);
        Assert.InRange(escalated.RaisedAt, burst - TimeSpan.FromMinutes(30), burst + TimeSpan.FromHours(1));
        Assert.DoesNotContain(Run.SurveyAlerts, a => a.SiteId != SiteId && a.Factors.Any(f => f is SocialFactor));
    }

    [Fact]
    public void No_listening_messages_when_their_rate_is_zero()
    {
        Assert.Empty(SimulatedListening.Produce(new SimulatorSettings { ListeningPerSitePerHour = 0 }, SimulatedListening.LiveStart, TimeSpan.FromMinutes(30)));
    }

    private static List<Alert> Opened<TFactor>() where TFactor : Factor =>
        [.. Run.Alerts.Where(a => a.Status == AlertStatus.Open && a.Factors.Any(f => f is TFactor))];
}
