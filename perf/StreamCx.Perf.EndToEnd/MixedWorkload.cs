using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Simulation;

namespace StreamCx.Perf.EndToEnd;

/// <summary>What <c>--mixed</c> mixes into the feedback: journeys (the default) or the listening sources (<c>--mixed listening</c>).</summary>
public enum MixedKind
{
    Journeys,
    Listening,
}

/// <summary>The mixed traffic of <c>--mixed</c>: as many messages as the feedback-only workload, over the same 24 hours, in event-time order.</summary>
public static class MixedWorkload
{
    public static (Workload Workload, MixStats Mix) Create(MixedKind kind, int count, int seed = 42) => kind switch
    {
        MixedKind.Listening => ListeningMix.Create(count, seed),
        _ => JourneyMix.Create(count, seed),
    };

    /// <summary>The messages in event order as a workload, with what they hold (<paramref name="detail"/>: a word on the feedback, given its count).</summary>
    public static (Workload Workload, MixStats Mix) Of(ReferenceCatalog catalog, List<SimulatedMessage> messages, Func<int, string> detail)
    {
        messages.Sort(SimulatedMessage.EventOrder);
        var byType = MixStats.Count(messages.Select(m => m.Value));
        var feedback = byType.FirstOrDefault(t => t.Type == MixStats.Feedback).Count;
        return (new Workload(catalog, [.. messages.Select(m => (m.Key, m.Value))]), new MixStats(messages.Count, byType, detail(feedback)));
    }
}
