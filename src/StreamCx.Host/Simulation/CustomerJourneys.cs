using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// Customers' journeys at the sites of the catalog (<see cref="JourneyStories"/>): most resolved in one or two contacts,
/// rated as everyday service is; the first journey and every <c>watermelonEvery</c>-th a watermelon: more than three
/// contacts over three departments or more, each survey CSAT 5, ending <c>unresolved</c> or with a journey survey of NPS 0..3
/// (then <c>abandoned</c>), and half the time the customer churns afterwards. Contacts are hours apart, so a watermelon
/// unfolds within a day of event time (the demo's history replays a day in seconds).
/// </summary>
public sealed class CustomerJourneys(ReferenceCatalog catalog, int seed, double perHour, int watermelonEvery, DateTimeOffset from)
    : ScriptedSource(unchecked((seed * 31) + 1), perHour, from)
{
    protected override IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start)
    {
        var journey = new JourneyMessages($"sim-{seed}-j{index}", $"jrn-{seed}-{index:D6}", $"cus-{seed}-{index:D6}", Rnd.Choose(catalog.Sites));
        if (watermelonEvery > 0 && index % watermelonEvery == 0) Watermelon(journey, start);
        else Everyday(journey, start);
        return journey.Messages;
    }

    private void Everyday(JourneyMessages journey, DateTimeOffset start)
    {
        var story = Rnd.Choose(JourneyStories.Everyday);
        var roll = Rnd.NextDouble();
        var contacts = roll < 0.65 ? 1 : roll < 0.95 ? 2 : 3;
        var scores = new List<double>();
        var at = start;
        for (var k = 0; k < contacts; k++)
        {
            if (k > 0) at += Rnd.Between(TimeSpan.FromMinutes(30), TimeSpan.FromHours(5));
            var contact = story.Contacts[k % story.Contacts.Count];
            // a third contact is a survey: two steps at most, so no reason is given three times (a red rule)
            if (k < 2 && Rnd.NextDouble() < 0.5)
            {
                journey.Step(at, contact, story.Reason);
                continue;
            }
            var csat = EverydayCsat();
            var score = (csat - 1) * 2.5;
            scores.Add(score);
            journey.Survey(at, contact, csat, Comment(score, 0.3));
        }
        at += Rnd.Between(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(90));
        journey.Closed(at, "resolved");
        if (Rnd.NextDouble() >= 0.2) return;
        // the journey survey agrees with the contacts: well-rated contacts, a satisfied customer (no watermelon by chance)
        var nps = scores.Count == 0 || scores.Average() >= 7.5 ? Rnd.Next(7, 11) : Rnd.Next(2, 9);
        at += Rnd.Between(TimeSpan.FromHours(1), TimeSpan.FromHours(6));
        journey.JourneySurvey(at, nps, Comment(nps, 0.3));
    }

    private void Watermelon(JourneyMessages journey, DateTimeOffset start)
    {
        var story = Rnd.Choose(JourneyStories.Watermelons);
        var at = start;
        for (var k = 0; k < story.Contacts.Count; k++)
        {
            if (k > 0) at += Rnd.Between(TimeSpan.FromHours(1), TimeSpan.FromHours(3));
            // every other contact surveyed at least: rated interactions, all of them well
            if (k % 2 == 1 || Rnd.NextDouble() < 0.5) journey.Survey(at, story.Contacts[k], 5, Comment(10, 0.3));
            else journey.Step(at, story.Contacts[k], story.Reason);
        }
        at += Rnd.Between(TimeSpan.FromHours(2), TimeSpan.FromHours(6));
        if (Rnd.NextDouble() < 0.5)
        {
            journey.Closed(at, "unresolved");
        }
        else
        {
            var nps = Rnd.Next(0, 4);
            journey.JourneySurvey(at, nps, Comment(nps, 0.7, JourneyVerbatims.JourneyComplaints));
            at += Rnd.Between(TimeSpan.FromHours(1), TimeSpan.FromHours(4));
            journey.Closed(at, "abandoned");
        }
        if (Rnd.NextDouble() < 0.5)
            journey.Churn(at + Rnd.Between(TimeSpan.FromHours(6), TimeSpan.FromHours(24)), Rnd.Choose(["switched-to-competitor", "contract-terminated"]));
    }

    /// <summary>CSAT of everyday service: mostly 4 and 5, sometimes 3, rarely 1 or 2.</summary>
    private int EverydayCsat()
    {
        var roll = Rnd.NextDouble();
        return roll < 0.45 ? 5 : roll < 0.8 ? 4 : roll < 0.92 ? 3 : roll < 0.97 ? 2 : 1;
    }

    private (string Text, string Language)? Comment(double score, double probability, IReadOnlyList<(string En, string Fr)>? complaints = null) =>
        Rnd.NextDouble() < probability ? Rnd.Say(JourneyVerbatims.For(score, complaints)) : null;
}
