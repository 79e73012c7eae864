namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>Compares what engines report per site-attribute with what was produced.</summary>
public static class Counts
{
    /// <summary>
    /// Per site-attribute counts as the engines report them (GET /api/sites/{siteId}/scores): the engine that holds a
    /// site's region counts it; another engine shows the holder's latest snapshot, never more, so the largest is taken.
    /// </summary>
    public static async Task<Dictionary<(string Site, string Attribute), long>> ReportedAsync(IEnumerable<string> sites, params EngineProcess[] engines)
    {
        var reported = new Dictionary<(string, string), long>();
        foreach (var site in sites)
        {
            foreach (var engine in engines)
            {
                foreach (var (attribute, count) in await engine.AttributeCountsAsync(site))
                {
                    reported[(site, attribute)] = Math.Max(reported.GetValueOrDefault((site, attribute)), count);
                }
            }
        }

        return reported;
    }

    public static string Describe(IReadOnlyDictionary<(string Site, string Attribute), long> expected, IReadOnlyDictionary<(string Site, string Attribute), long> reported) =>
        string.Join("\n", expected.Keys.Union(reported.Keys).Order()
            .Where(k => expected.GetValueOrDefault(k) != reported.GetValueOrDefault(k))
            .Select(k => $"{k.Site}/{k.Attribute}: produced {expected.GetValueOrDefault(k)}, engine reports {reported.GetValueOrDefault(k)}"));

    /// <summary>
    /// Asserts the engines report exactly what was produced, for every site-attribute, once each has applied what it
    /// holds for the frontier of event time (a partition read to its end holds back for <c>Engine:CaughtUpWait</c>).
    /// </summary>
    public static async Task AssertEqualAsync(FeedbackEvents produced, params EngineProcess[] engines)
    {
        foreach (var engine in engines)
        {
            await Poll.UntilAsync(async () => (await engine.StatusAsync())["eventTime"]!["held"]!.GetValue<long>() == 0, TimeSpan.FromSeconds(30),
                () => $"{engine.Name} to apply the events it holds for the frontier\n{engine.Tail()}");
        }
        var reported = await ReportedAsync(FeedbackEvents.Sites, engines);
        var expected = produced.Expected;
        Assert.True(
            expected.Count == reported.Count && expected.All(e => reported.GetValueOrDefault(e.Key) == e.Value),
            "per site-attribute counts differ:\n" + Describe(expected, reported));
    }
}
