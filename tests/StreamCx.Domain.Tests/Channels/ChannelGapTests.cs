using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Channels;

/// <summary>The <c>channel</c> factor: a channel (or touchpoint) markedly worse than the site's others on the same indicator.</summary>
public sealed class ChannelGapTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    internal static List<Alert> Replay(IEnumerable<FeedbackEvent> ordered, ChannelSettings? settings = null)
    {
        var processor = new ChannelProcessor(TestCatalog.Create(), settings ?? new ChannelSettings(), Clock);
        var alerts = new List<Alert>();
        FeedbackEvent? last = null;
        foreach (var e in ordered)
        {
            alerts.AddRange(processor.Apply(e));
            last = e;
        }
        if (last is not null) alerts.AddRange(processor.CloseBefore(last.OccurredAt));
        return alerts;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_channel_1_2_points_below_the_sites_other_channels_on_an_attribute_raises_a_channel_factor(int seed)
    {
        var scenario = new ChannelScenario(seed);

        var alerts = Replay(scenario.Events());

        var open = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Equal((TestCatalog.LilleCentre, TestCatalog.WaitingTime), (open.SiteId, open.AttributeId));
        var factor = Assert.IsType<ChannelFactor>(Assert.Single(open.Factors));
        Assert.Equal((ChannelDimension.Channel, "social"), (factor.Dimension, factor.Value));
        Assert.InRange(factor.Gap, 0.6, 1.6);
        Assert.True(factor.Z >= 4, $"z = {factor.Z}");
        Assert.InRange(open.RaisedAt, scenario.Onset.AddHours(1), scenario.Onset.AddHours(16));
        Assert.Equal(["app", "social", "store", "web"], factor.Values.Select(v => v.Value));
        Assert.Contains("markedly worse on the social channel than on the site's other channels", open.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(alerts, a => a.Status == AlertStatus.Resolved); // it lasts to the end
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_channel_0_3_points_below_the_others_raises_nothing(int seed) =>
        Assert.Empty(Replay(new ChannelScenario(seed) { Gap = 0.3 }.Events()));

    [Fact]
    public void A_channel_with_a_handful_of_responses_raises_nothing_however_bad()
    {
        // about 12 social responses in 3 days, every one 2 points below
        var scenario = new ChannelScenario(4) { Gap = 2, OnsetHour = 0, Weights = [("store", 55), ("web", 30), ("app", 14), ("social", 1)] };

        Assert.DoesNotContain(Replay(scenario.Events()), a => a.Factors.OfType<ChannelFactor>().Any(f => f.Value == "social"));
    }

    [Fact]
    public void A_touchpoint_far_worse_on_NPS_raises_a_channel_factor_on_the_touchpoint()
    {
        var alerts = Replay(new ChannelScenario(5) { Worse = "delivery", WorseIsTouchpoint = true }.Events());

        var nps = Assert.Single(alerts, a => a.Status == AlertStatus.Open && a.AttributeId == "nps");
        var factor = Assert.IsType<ChannelFactor>(Assert.Single(nps.Factors));
        Assert.Equal((ChannelDimension.Touchpoint, "delivery"), (factor.Dimension, factor.Value));
        Assert.True(factor.Gap >= 30, $"gap {factor.Gap} NPS points");
        Assert.Contains(alerts, a => a.Status == AlertStatus.Open && a.AttributeId == TestCatalog.WaitingTime
            && a.Factors.OfType<ChannelFactor>().Single().Dimension == ChannelDimension.Touchpoint);
        Assert.DoesNotContain(alerts, a => a.Factors.OfType<ChannelFactor>().Any(f => f.Dimension == ChannelDimension.Channel));
    }

    [Fact]
    public void Higher_effort_on_a_channel_is_worse_and_lower_effort_is_not()
    {
        FeedbackEvent WithCes(FeedbackEvent e, int delta) => e.Channel == "app" && e.OccurredAt >= ChannelScenario.Start.AddHours(48)
            ? e with { Ces = Math.Clamp(e.Ces!.Value + delta, 1, 7) } : e;
        var flat = new ChannelScenario(6) { Gap = 0 }.Events();

        var harder = Replay(flat.Select(e => WithCes(e, 2)));
        var easier = Replay(flat.Select(e => WithCes(e, -2)));

        var open = Assert.Single(harder, a => a.Status == AlertStatus.Open);
        Assert.Equal(("ces", "app"), (open.AttributeId, open.Factors.OfType<ChannelFactor>().Single().Value));
        Assert.Contains("(higher is more effort)", open.Explanation, StringComparison.Ordinal);
        Assert.Empty(easier); // the other channels are not "worse than the others" because one got better
    }

    [Fact]
    public void The_alert_resolves_once_the_channel_is_back_in_line_over_every_span()
    {
        var scenario = new ChannelScenario(7) { Hours = 200, RecoveryHour = 72 };

        var alerts = Replay(scenario.Events());

        Assert.Equal([AlertStatus.Open, AlertStatus.Resolved], alerts.Where(a => a.Status != AlertStatus.Updated).Select(a => a.Status));
        var resolved = alerts[^1];
        Assert.Equal(alerts[0].AlertId, resolved.AlertId);
        // the 72 h span still holds part of the gap for a while after the recovery
        Assert.InRange(resolved.RaisedAt, ChannelScenario.Start.AddHours(72 + 6), ChannelScenario.Start.AddHours(72 + 72));
        Assert.Contains("is back in line with the site's other channels", resolved.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_channel_text_is_kept_as_data_in_the_factor_and_the_explanation()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var events = new ChannelScenario(8).Events().Select(e => e.Channel == "social" ? e with { Channel = hostile } : e);

        var open = Assert.Single(Replay(events), a => a.Status == AlertStatus.Open);

        Assert.Equal(hostile, open.Factors.OfType<ChannelFactor>().Single().Value);
        Assert.Contains($"on the {hostile} channel", open.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Channels_beyond_the_maximum_count_under_other_and_nothing_is_lost()
    {
        var events = new ChannelScenario(9) { Gap = 0 }.Events().Select((e, i) => e with { Channel = $"ch-{i % 20}" }).ToList();
        var processor = new ChannelProcessor(TestCatalog.Create(), new ChannelSettings { MaxValuesPerSite = 8 }, Clock);
        foreach (var e in events) processor.Apply(e);

        var waiting = processor.View(null, TestCatalog.LilleCentre, 72).Indicators.Single(i => i.IndicatorId == TestCatalog.WaitingTime);

        Assert.Equal(8, waiting.ByChannel.Count);
        Assert.Contains(waiting.ByChannel, c => c.Value == "(other)");
        Assert.Equal(waiting.Responses, waiting.ByChannel.Sum(c => c.Responses));
    }
}
