using StreamCx.Host.Simulation;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// The listening sources' mixed traffic (<c>--mixed listening</c>): as many messages as the feedback-only workload, over the
/// same 24 hours, in event-time order, about <see cref="ListeningShare"/> of them from the demo's listening simulator
/// (<see cref="ListeningSimulator"/>: background complaints, incidents, staff reports, social mentions of the sites and of the
/// brand, and its scripted long-wait complaint surge, incidents, staff reports and burst of negative posts around an irritant at
/// the middle of the day), the rest the demo's feedback (<see cref="ChannelSimulator"/>: channel and touchpoint on every
/// response, a unit on store and contact-centre responses, handling time, first-contact resolution and contact count on the
/// contact centre's). Keyed by siteId (a mention of the brand by <c>brand</c>).
/// </summary>
public static class ListeningMix
{
    public const double ListeningShare = 0.3;

    /// <summary>
    /// Settings of the engine and of replay in both modes: the social and complaint tests need 24 h and 72 h of baseline, more
    /// than the day the workload holds; with 1 h they test (and cost) as they do in steady state. No effect on feedback.
    /// </summary>
    public static IReadOnlyList<string> Settings { get; } = ["Social:MinBaselineHours=1", "Complaints:MinBaselineHours=1"];

    public static (Workload Workload, MixStats Mix) Create(int count, int seed)
    {
        var catalog = Workload.LoadCatalog();
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var from = end.AddHours(-24);
        var channels = new ChannelSimulator(catalog, seed, irritantStart: from.AddHours(12));
        // the simulator's rate is a site's in an hour, with twice as many mentions of the brand beside the sites'
        var perSite = ListeningShare * count / 24 / (catalog.Sites.Count + 2);
        var listening = new ListeningSimulator(catalog, new SimulatorSettings { Seed = seed, ListeningPerSitePerHour = perSite }, channels, from);
        var messages = listening.Until(end).Where(m => m.At >= from).Take(count).ToList();
        var feedback = count - messages.Count;
        var rnd = new Random(seed);
        for (var i = 0; i < feedback; i++)
        {
            var site = catalog.Sites[rnd.Next(catalog.Sites.Count)];
            var at = from.AddHours(24.0 * i / feedback);
            messages.Add(new SimulatedMessage(at, $"f{i}", site.SiteId, channels.Next(site, at)));
        }

        var withUnit = messages.Count(m => Has(m, "\"unitId\""));
        var withFigures = messages.Count(m => Has(m, "\"handlingSeconds\""));
        return MixedWorkload.Of(catalog, messages, n =>
            $"the demo's: 3 ratings + NPS, channel and touchpoint each; {withUnit:N0} = {(double)withUnit / n:P0} with a unitId, "
            + $"{withFigures:N0} = {(double)withFigures / n:P0} with handlingSeconds, firstContactResolution and contactCount");
    }

    private static bool Has(SimulatedMessage m, string text) => m.Value.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
