using StreamCx.Domain.Contracts;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Social;

/// <summary>
/// A survey alert already open at a site whose negative social mentions start to rise is escalated as spreading: an update
/// with a <c>social</c> factor naming the irritant, more severe. Positive mentions, or mentions with no alert open, change
/// nothing; the mentions read all ahead of the feedback, or the site restored from its snapshot on the way, give the alerts
/// of the mentions in event order among the feedback.
/// </summary>
public sealed class SpreadingEscalationTests
{
    private const string Delivery = DeliveryFall.Delivery;
    private const int FallAtHour = DeliveryFall.FallAtHour;
    private const double BurstAtHour = FallAtHour + 5;
    private static readonly DateTimeOffset Start = DeliveryFall.Start;
    private static readonly ReferenceCatalog Catalog = DeliveryFall.Catalog();

    /// <summary>The fall, 12 hours of it.</summary>
    private static List<FeedbackEvent> Feedback() => DeliveryFall.Feedback(12);

    /// <summary>
    /// A negative mention of Lille Centre every 12 hours from the start, then, <paramref name="burstAtHour"/>, six within 25
    /// minutes (of <paramref name="sentiment"/>); a burst at another site too.
    /// </summary>
    private static List<SocialMention> Mentions(double sentiment = -0.8, double burstAtHour = BurstAtHour)
    {
        var mentions = new List<SocialMention>();
        SocialMention Mention(string id, DateTimeOffset at, double s, string site = TestCatalog.LilleCentre) =>
            new(id, at, "x", s, 1500, "https://x.example/1") { SiteId = site };
        for (var h = 6.0; h < FallAtHour + 12; h += 12) mentions.Add(Mention($"usual-{h}", Start.AddHours(h), -0.6));
        for (var k = 0; k < 6; k++)
        {
            mentions.Add(Mention($"burst-{k}", Start.AddHours(burstAtHour).AddMinutes(k * 5), sentiment));
            mentions.Add(Mention($"elsewhere-{k}", Start.AddHours(burstAtHour).AddMinutes(k * 5), -0.9, TestCatalog.Roubaix));
        }
        return mentions;
    }

    private static FeedbackProcessor NewProcessor() => DeliveryFall.NewProcessor(Catalog);

    private static List<string> InOrder(FeedbackProcessor processor, List<FeedbackEvent> feedback, List<SocialMention> mentions) =>
        DeliveryFall.InOrder(processor, feedback, mentions);

    private static List<Alert> Alerts(IEnumerable<string> lines) => [.. lines.Select(l => ContractJson.DeserializeAlert(l)!)];

    [Fact]
    public void An_open_alert_whose_site_is_suddenly_mentioned_negatively_is_escalated_as_spreading()
    {
        var alerts = Alerts(InOrder(NewProcessor(), Feedback(), Mentions()));

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open && a.AttributeId == Delivery);
        Assert.True(opened.RaisedAt < Start.AddHours(BurstAtHour), "the fall alerts before the burst");
        Assert.DoesNotContain(opened.Factors, f => f is SocialFactor);
        var escalated = alerts.First(a => a.Factors.Any(f => f is SocialFactor));
        Assert.Equal((AlertStatus.Updated, opened.AlertId), (escalated.Status, escalated.AlertId));
        var social = Assert.IsType<SocialFactor>(escalated.Factors.Single(f => f is SocialFactor));
        Assert.Equal((TestCatalog.LilleCentre, "Delivery"), (social.SiteId, social.Spreading));
        Assert.True(social.Count >= 3 && social.Ratio >= 3, $"{social.Count} mentions, {social.Ratio} times the usual rate");
        Assert.InRange(escalated.RaisedAt, Start.AddHours(BurstAtHour), Start.AddHours(BurstAtHour + 1));
        Assert.True(escalated.Severity > opened.Severity, $"escalated {escalated.Severity} against {opened.Severity} at the open");
        Assert.Contains("it is spreading on social networks:", escalated.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(alerts, a => a.SiteId == TestCatalog.Roubaix); // the other site's burst: no survey alert there, nothing
    }

    [Fact]
    public void Positive_mentions_or_a_burst_long_before_the_alert_escalate_nothing()
    {
        var feedback = Feedback();
        var positive = Alerts(InOrder(NewProcessor(), feedback, Mentions(sentiment: 0.7)));
        var before = Alerts(InOrder(NewProcessor(), feedback, Mentions(burstAtHour: FallAtHour - 24)));
        var none = Alerts(InOrder(NewProcessor(), feedback, []));

        Assert.Contains(none, a => a.Status == AlertStatus.Open && a.AttributeId == Delivery);
        Assert.DoesNotContain(positive, a => a.Factors.Any(f => f is SocialFactor));
        Assert.DoesNotContain(before, a => a.Factors.Any(f => f is SocialFactor));
        Assert.Equal(none.Select(ContractJson.Serialize), positive.Select(ContractJson.Serialize));
    }

    [Fact]
    public void Mentions_all_ahead_of_the_feedback_or_a_restore_on_the_way_give_the_same_alerts()
    {
        var feedback = Feedback();
        var mentions = Mentions();
        var inOrder = InOrder(NewProcessor(), feedback, mentions);

        var ahead = NewProcessor();
        foreach (var m in mentions.AsEnumerable().Reverse()) ahead.AddToSite(m);
        Assert.False(ahead.AddToSite(mentions[^2]), "a mention kept is taken once");
        var cut = ((int)BurstAtHour - 2) * 12;
        var aheadLines = feedback.Take(cut).SelectMany(ahead.Process).Select(ContractJson.Serialize).ToList();
        var (intake, attributes) = ahead.Capture(TestCatalog.LilleCentre);
        var restored = NewProcessor();
        restored.Restore(TestCatalog.LilleCentre, EngineSnapshotJson.RoundTrip(intake), attributes.ToDictionary(a => a.Key, a => EngineSnapshotJson.RoundTrip(a.Value)));
        aheadLines.AddRange(feedback.Skip(cut).SelectMany(restored.Process).Select(ContractJson.Serialize));

        Assert.Contains(inOrder, l => l.Contains("\"spreading\":\"Delivery\"", StringComparison.Ordinal));
        Assert.NotEmpty(intake.Mentions!.Kept);
        Assert.Equal(inOrder, aheadLines);
    }
}
