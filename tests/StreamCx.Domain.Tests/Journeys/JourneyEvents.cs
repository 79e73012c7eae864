using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>Journey messages for the journeys' tests, at <see cref="Start"/> plus whole days, at Lille Centre.</summary>
public static class JourneyEvents
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The wall clock of alerts' <c>emittedAt</c>: fixed, so two runs compare equal.</summary>
    public static JourneyProcessor Processor(JourneySettings? settings = null, bool followsFrontier = false) =>
        new(TestCatalog.Create(), settings ?? new JourneySettings(), new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)), followsFrontier);

    /// <summary>An interaction survey of the journey, rated <paramref name="csat"/> of 5.</summary>
    public static FeedbackEvent Contact(string id, string journeyId, DateTimeOffset at, string department, int csat, string? customerId = "cus-1") =>
        new(id, at, TestCatalog.LilleCentre, "phone", RatingDictionary.Empty)
        {
            JourneyId = journeyId, CustomerId = customerId, Department = department, Csat = csat,
        };

    /// <summary>A journey-scope survey (about the whole journey) with this NPS.</summary>
    public static FeedbackEvent JourneySurvey(string id, string journeyId, DateTimeOffset at, int nps, string? customerId = "cus-1") =>
        new(id, at, TestCatalog.LilleCentre, "email", RatingDictionary.Empty)
        {
            JourneyId = journeyId, CustomerId = customerId, Nps = nps, Scope = FeedbackScope.Journey,
        };

    /// <summary>A survey of one contact of a B2B account, by role, with this NPS.</summary>
    public static FeedbackEvent AccountSurvey(string id, string accountId, DateTimeOffset at, string role, int nps) =>
        new(id, at, TestCatalog.ParisOpera, "email", RatingDictionary.Empty) { AccountId = accountId, ContactRole = role, Nps = nps };

    public static JourneyStep Step(string id, string journeyId, DateTimeOffset at, string department, string? reason = null) =>
        new(id, at, journeyId, department, "call") { CustomerId = "cus-1", Reason = reason };

    public static JourneyClosed Closed(string id, string journeyId, DateTimeOffset at, JourneyOutcome outcome) => new(id, at, journeyId, outcome);

    public static Churn CustomerChurn(string id, DateTimeOffset at, string customerId = "cus-1") => new(id, at) { CustomerId = customerId };

    public static Churn AccountChurn(string id, DateTimeOffset at, string accountId) => new(id, at) { AccountId = accountId };

    /// <summary>Feeds the messages in the order given, then flushes what is held; every alert, in emission order.</summary>
    public static List<Alert> Run(JourneyProcessor p, IEnumerable<object> messages)
    {
        var alerts = new List<Alert>();
        foreach (var m in messages)
        {
            alerts.AddRange(m switch
            {
                FeedbackEvent e => p.Process(e),
                JourneySignal s => p.Process(s),
                _ => throw new ArgumentException($"not a message: {m}", nameof(messages)),
            });
        }
        alerts.AddRange(p.Flush());
        return alerts;
    }

    public static WatermelonFactor Watermelon(Alert a) => Assert.IsType<WatermelonFactor>(Assert.Single(a.Factors));
}
