using StreamCx.Host.Simulation;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// The journeys' mixed traffic (<c>--mixed</c>, <see cref="MixedKind.Journeys"/>): as many messages as the feedback-only workload, over the same 24 hours, in event-time
/// order: customers' journeys as the demo simulates them (<see cref="CustomerJourneys"/>: interaction surveys and journey
/// surveys with a journeyId, <c>journey-step</c>, <c>journey-closed</c>, a churn after half the watermelons), B2B account
/// surveys (<see cref="AccountSurveys"/>: accountId, contactRole), and the rest plain feedback (<see cref="FeedbackGenerator"/>).
/// Feedback is keyed by siteId; the others by journey or customer id.
/// </summary>
public static class JourneyMix
{
    /// <summary>Journeys started per message of the workload: about 35 % of the feedback then carries a journey or an account.</summary>
    private const double JourneysPerMessage = 0.22;

    public static (Workload Workload, MixStats Mix) Create(int count, int seed)
    {
        var feedbackOnly = Workload.Create(1, seed); // the catalog
        var catalog = feedbackOnly.Catalog;
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var from = end.AddHours(-24);
        var journeyRate = JourneysPerMessage * count / 24;
        var messages = new List<SimulatedMessage>(count);
        var journeys = new CustomerJourneys(catalog, seed, journeyRate, watermelonEvery: 48, from);
        while (journeys.NextStart < end && messages.Count < count)
            messages.AddRange(journeys.StartNext().Where(m => m.At < end));
        var accounts = new AccountSurveys(catalog, seed, journeyRate / 10, from);
        while (accounts.NextStart < end && messages.Count < count)
            messages.AddRange(accounts.StartNext());
        if (messages.Count > count) messages.RemoveRange(count, messages.Count - count);

        var generator = new FeedbackGenerator(catalog, seed, "mixed");
        var plain = count - messages.Count;
        for (var i = 0; i < plain; i++)
        {
            var site = generator.NextSite();
            var at = from.AddHours(24.0 * i / plain);
            messages.Add(new SimulatedMessage(at, $"mixed-{i}", site.SiteId, generator.Next(site, at)));
        }

        var isSite = catalog.Sites.Select(s => s.SiteId).ToHashSet(StringComparer.Ordinal);
        var withJourney = messages.Count(m => isSite.Contains(m.Key)) - plain;
        return MixedWorkload.Of(catalog, messages, feedback => $"{withJourney:N0} = {(double)withJourney / feedback:P0} with a journeyId or accountId");
    }
}
