namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>
/// Proves that nothing more is on its way, without a sleep. Markers are one more event per site, produced to each topic
/// after everything else, rating an attribute no other event rates. All the events of a site in a topic sit in one
/// partition (key = siteId) and reach the site in offset order, so once every site counts all the markers produced for
/// it, every event produced before them has been applied or refused as a duplicate: what the engines report is final.
/// </summary>
public static class Markers
{
    /// <summary>Produces one marker per site to each topic (kcat) and waits until the engines, together, count them all.</summary>
    public static async Task ProduceAndAwaitAsync(string bootstrap, FeedbackEvents events, string channel, IReadOnlyList<string> topics, TimeSpan timeout, params EngineProcess[] engines)
    {
        foreach (var topic in topics)
        {
            await Kcat.ProduceAsync(bootstrap, topic, events.Markers(channel));
        }

        var expected = FeedbackEvents.Sites.ToDictionary(site => site, site => events.Expected[(site, FeedbackEvents.MarkerAttribute)]);
        var counted = new Dictionary<string, long>();
        await Poll.UntilAsync(
            async () =>
            {
                foreach (var site in FeedbackEvents.Sites)
                {
                    long count = 0;
                    foreach (var engine in engines)
                    {
                        count += (await engine.AttributeCountsAsync(site)).GetValueOrDefault(FeedbackEvents.MarkerAttribute);
                    }

                    counted[site] = count;
                }

                return expected.All(e => counted[e.Key] >= e.Value);
            },
            timeout,
            () => "every site's markers applied: " + string.Join(", ", expected.Select(e => $"{e.Key} {counted.GetValueOrDefault(e.Key)}/{e.Value}"))
                + "\n" + string.Join("\n", engines.Select(e => e.Tail(20))));
    }
}
