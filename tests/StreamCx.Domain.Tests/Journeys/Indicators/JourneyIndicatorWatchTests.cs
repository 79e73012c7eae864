using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Journeys.Indicators;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Journeys.Indicators.JourneyIndicatorScenario;

namespace StreamCx.Domain.Tests.Journeys.Indicators;

/// <summary>The journey indicators watched by the detectors that watch the survey attributes.</summary>
public sealed class JourneyIndicatorWatchTests
{
    private static JourneyIndicatorWatch Watch() =>
        new(TestCatalog.Create(), new DetectionSettings(), new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    private static List<Alert> AllAtOnce(IEnumerable<FeedbackEvent> readings)
    {
        var watch = Watch();
        foreach (var r in readings) Assert.True(watch.Take(r));
        return [.. watch.Flush()];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_surge_of_red_journeys_at_one_site_raises_an_alert_on_its_journeys_not_red_and_none_elsewhere(int seed)
    {
        var alerts = AllAtOnce(Readings(Messages(seed, TestCatalog.Roubaix)));

        var opens = alerts.Where(a => a.Status == AlertStatus.Open).ToList();
        var open = Assert.Single(opens, a => a.AttributeId == JourneyIndicatorAttributes.NotRed && a.SiteId == TestCatalog.Roubaix);
        Assert.InRange(open.RaisedAt, Start.AddDays(SurgeDay), Start.AddDays(SurgeDay).AddHours(21)); // within the surge's first opening day (its last journeys closed an hour after 20:00)
        Assert.DoesNotContain(opens, a => a.SiteId != TestCatalog.Roubaix && !JourneyIndicatorAttributes.IsGroupSite(a.SiteId)); // its region and department may see it too
        Assert.Contains("Journeys not red", open.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_surge_of_red_journeys_in_one_department_at_every_site_raises_an_alert_on_that_department_and_no_other(int seed)
    {
        var alerts = AllAtOnce(Readings(Messages(seed, surgingSite: null, surgingDepartment: "field-service")));

        var opens = alerts.Where(a => a.Status == AlertStatus.Open && JourneyIndicatorAttributes.IsDepartmentSite(a.SiteId)).ToList();
        var open = Assert.Single(opens, a => a.AttributeId == JourneyIndicatorAttributes.NotRed);
        Assert.Equal((JourneyIndicatorAttributes.DepartmentSite("field-service"), "Field service (department)", JourneyIndicatorAttributes.DepartmentsRegion), (open.SiteId, open.SiteName, open.RegionId));
        Assert.InRange(open.RaisedAt, Start.AddDays(SurgeDay), Start.AddDays(SurgeDay).AddHours(21));
        Assert.All(opens, a => Assert.Equal(open.SiteId, a.SiteId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_surge_of_red_journeys_at_every_site_of_one_region_raises_an_alert_on_that_region_and_no_other(int seed)
    {
        var alerts = AllAtOnce(Readings(Messages(seed, surgingSite: null, surgingRegion: "paris")));

        var regions = alerts.Where(a => a.Status == AlertStatus.Open && a.RegionId == JourneyIndicatorAttributes.RegionsRegion).ToList();
        var open = Assert.Single(regions, a => a.AttributeId == JourneyIndicatorAttributes.NotRed);
        Assert.Equal((JourneyIndicatorAttributes.RegionSite("paris"), "paris (region)"), (open.SiteId, open.SiteName));
        Assert.InRange(open.RaisedAt, Start.AddDays(SurgeDay), Start.AddDays(SurgeDay).AddHours(21));
        Assert.All(regions, a => Assert.Equal(open.SiteId, a.SiteId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Steady_journeys_raise_nothing(int seed) =>
        Assert.DoesNotContain(AllAtOnce(Readings(Messages(seed, surgingSite: null))), a => a.Status == AlertStatus.Open);

    [Fact]
    public void A_site_whose_journeys_were_all_green_raises_nothing_on_a_few_red_ones()
    {
        // 16 journeys settled an hour for 5 days, all green; then two red among them within two hours: not a trend (without
        // a floor on the spread, a baseline of tens only made one red reading a fall of z −3477)
        var readings = new List<FeedbackEvent>();
        for (var k = 0; k < 5 * 24 * 16; k++)
        {
            var red = k is 1_900 or 1_905;
            readings.Add(new FeedbackEvent($"journey:j{k}:settled", Start.AddMinutes(k * 3.75), TestCatalog.Roubaix, JourneyReadings.Channel,
                new Dictionary<string, double> { [JourneyIndicatorAttributes.NotRed] = red ? 0 : 10, [JourneyIndicatorAttributes.NotWatermelon] = red ? 0 : 10 }));
        }

        Assert.DoesNotContain(AllAtOnce(readings), a => a.Status == AlertStatus.Open);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Readings_from_three_channels_in_any_interleaving_with_the_channels_times_give_the_alerts_of_all_at_once(int seed)
    {
        var readings = Readings(Messages(seed, TestCatalog.Roubaix));
        var reference = AllAtOnce(readings).Select(ContractJson.Serialize).ToList();

        var rnd = new Random(seed);
        var channels = new[] { "c0", "c1", "c2" };
        var queues = channels.ToDictionary(c => c, _ => new Queue<FeedbackEvent>());
        foreach (var r in readings) queues[channels[rnd.Next(3)]].Enqueue(r); // each channel gives its readings in the order it gave them
        var times = new StreamCx.Domain.EventTime.ChannelTimes();
        var watch = Watch();
        var alerts = new List<Alert>();
        var told = channels.ToDictionary(c => c, _ => DateTimeOffset.MinValue);
        while (queues.Values.Any(q => q.Count > 0))
        {
            var c = channels[rnd.Next(3)];
            for (var k = rnd.Next(1, 40); k > 0 && queues[c].TryDequeue(out var r); k--)
            {
                watch.Take(r, times.Through);
                told[c] = r.OccurredAt;
            }
            if (rnd.Next(3) == 0) times.Pass(c, queues[c].TryPeek(out var next) ? next.OccurredAt : told[c], channels.Length); // not past what it has still to give
            alerts.AddRange(watch.Release(times.Through));
        }
        alerts.AddRange(watch.Flush());

        var got = alerts.Select(ContractJson.Serialize).ToList();
        for (var i = 0; i < Math.Min(got.Count, reference.Count); i++) Assert.True(got[i] == reference[i], $"#{i} of {reference.Count}/{got.Count}:\n{reference[i]}\n{got[i]}");
        Assert.Equal(reference, got);
        Assert.Contains(alerts, a => a.Status == AlertStatus.Open);
    }

    [Theory]
    [InlineData(7, 500)]
    [InlineData(7, 2_000)]
    [InlineData(8, 3_500)]
    public void A_watch_restored_at_a_cut_goes_on_as_if_it_never_stopped(int seed, int cut)
    {
        var readings = Readings(Messages(seed, TestCatalog.Roubaix));
        var reference = AllAtOnce(readings).Select(ContractJson.Serialize).ToList();

        var before = Watch();
        foreach (var r in readings.Take(cut)) before.Take(r);
        var alerts = before.Release(readings[cut - 1].OccurredAt).ToList(); // a few still held at the cut
        var state = EngineSnapshotJson.RoundTrip(before.Capture());
        var after = Watch();
        after.Restore(state);
        Assert.True(before.Applied > 0);
        Assert.Equal(before.Applied, after.Applied); // the count goes on with the state: an owner taking over reports the same
        foreach (var r in readings.Skip(cut)) after.Take(r);
        alerts.AddRange(after.Flush());

        Assert.Equal(reference, alerts.Select(ContractJson.Serialize));
        Assert.Equal(readings.Count, after.Applied + after.Copies);
    }

    [Fact]
    public void Readings_of_an_unknown_site_or_attribute_off_the_scale_and_old_copies_are_refused()
    {
        var watch = Watch();
        var at = Start.AddDays(3);
        FeedbackEvent Reading(string id, string site, string attribute, double value, DateTimeOffset when) =>
            new(id, when, site, JourneyReadings.Channel, new Dictionary<string, double> { [attribute] = value });

        Assert.False(watch.Take(Reading("a", "store-nowhere", JourneyIndicatorAttributes.NotRed, 0, at)));
        Assert.False(watch.Take(Reading("b", TestCatalog.Roubaix, TestCatalog.WaitingTime, 3, at)));
        Assert.False(watch.Take(Reading("c", TestCatalog.Roubaix, JourneyIndicatorAttributes.NotRed, 11, at)));
        Assert.False(watch.Take(Reading("d", TestCatalog.Roubaix, JourneyIndicatorAttributes.NotRed, 0, at), through: at.AddDays(3)));
        Assert.True(watch.Take(Reading("e", TestCatalog.Roubaix, JourneyIndicatorAttributes.NotRed, 0, at), through: at.AddDays(1)));
        Assert.Equal((4, 1), (watch.Refused, watch.Held));
    }
}
