using StreamCx.Host.Simulation;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// The mixed traffic of <c>--mixed</c>: as many messages as the feedback-only workload, over the same 24 hours, in event-time
/// order: customers' journeys as the demo simulates them (<see cref="CustomerJourneys"/>: interaction surveys and journey
/// surveys with a journeyId, <c>journey-step</c>, <c>journey-closed</c>, a churn after half the watermelons), B2B account
/// surveys (<see cref="AccountSurveys"/>: accountId, contactRole), and the rest plain feedback (<see cref="FeedbackGenerator"/>).
/// Feedback is keyed by siteId; the others by journey or customer id.
/// </summary>
public static class MixedWorkload
{
    /// <summary>Journeys started per message of the workload: about 35 % of the feedback then carries a journey or an account.</summary>
    private const double JourneysPerMessage = 0.22;

    public static (Workload Workload, MixStats Mix) Create(int count, int seed = 42)
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

        messages.Sort(SimulatedMessage.EventOrder);
        var isSite = catalog.Sites.Select(s => s.SiteId).ToHashSet(StringComparer.Ordinal);
        var feedback = messages.Count(m => isSite.Contains(m.Key));
        var mix = new MixStats(
            count, feedback, plain, feedback - plain,
            messages.Count(m => Has(m, "\"journey-step\"")), messages.Count(m => Has(m, "\"journey-closed\"")), messages.Count(m => Has(m, "\"churn\"")));
        return (new Workload(catalog, [.. messages.Select(m => (m.Key, m.Value))]), mix);
    }

    private static bool Has(SimulatedMessage m, string text) => System.Text.Encoding.UTF8.GetString(m.Value).Contains(text, StringComparison.Ordinal);
}

/// <summary>What the mixed workload holds.</summary>
public sealed record MixStats(int Messages, int Feedback, int PlainFeedback, int JourneyOrAccountFeedback, int Steps, int Closed, int Churns)
{
    public double JourneyShareOfFeedback => (double)JourneyOrAccountFeedback / Feedback;

    public override string ToString() =>
        $"{Messages:N0} messages: {Feedback:N0} feedback ({JourneyOrAccountFeedback:N0} = {JourneyShareOfFeedback:P0} with a journeyId or accountId), "
        + $"{Steps:N0} journey-step, {Closed:N0} journey-closed, {Churns:N0} churn";
}
