using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>
/// A fall a site alert is raised on: delivery rated 3 to 5 at Lille Centre, 12 an hour, for four days, then 1 or 2; and the
/// listening messages of the site merged among the feedback in event order, as replay gives them.
/// </summary>
public static class DeliveryFall
{
    public const string Delivery = "delivery";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    public const int FallAtHour = 4 * 24;

    public static ReferenceCatalog Catalog(ListeningCatalog? listening = null) =>
        new(TestCatalog.Sites, [.. TestCatalog.Attributes, new AttributeDefinition(Delivery, "Delivery", 1, 5, 2)]) { Listening = listening ?? ListeningCatalog.Empty };

    /// <summary>The feedback, from the start to <paramref name="hoursAfter"/> hours after the fall.</summary>
    public static List<FeedbackEvent> Feedback(int hoursAfter)
    {
        var rnd = new Random(3);
        var feedback = new List<FeedbackEvent>();
        for (var h = 0; h < FallAtHour + hoursAfter; h++)
            for (var i = 0; i < 12; i++)
                feedback.Add(new FeedbackEvent($"f{feedback.Count}", Start.AddHours(h).AddMinutes(i * 5), TestCatalog.LilleCentre, "store",
                    new RatingDictionary([new(Delivery, h >= FallAtHour ? 1 + rnd.Next(2) : 3 + rnd.Next(3))])));
        return feedback;
    }

    public static FeedbackProcessor NewProcessor(ReferenceCatalog catalog) => new(catalog, new DetectionSettings(), new FakeTimeProvider(Start.AddDays(30)));

    /// <summary>The listening messages of sites in event order among the feedback, as replay gives them; the alert lines.</summary>
    public static List<string> InOrder(FeedbackProcessor processor, IEnumerable<FeedbackEvent> feedback, IEnumerable<ListeningEvent> listening)
    {
        var lines = new List<string>();
        var next = 0;
        var ordered = listening.OrderBy(l => l.OccurredAt).ToList();
        foreach (var e in feedback)
        {
            for (; next < ordered.Count && ordered[next].OccurredAt < e.OccurredAt; next++) processor.AddToSite(ordered[next]);
            lines.AddRange(processor.Process(e).Select(ContractJson.Serialize));
        }
        return lines;
    }
}
