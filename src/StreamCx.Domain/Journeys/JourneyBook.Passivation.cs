using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys;

/// <summary>The book's passivation: when a journey goes onto its shelf, and how it comes back (see <see cref="JourneyBook"/>).</summary>
public sealed partial class JourneyBook
{
    /// <summary>
    /// The next entry of the journey in the due queue after <paramref name="after"/>: its next look, or sooner the instant
    /// it has been idle for <see cref="JourneySettings.PassivateAfter"/> (with a shelf), at the earliest just after.
    /// </summary>
    private long NextEntry(JourneyState j, long after)
    {
        var look = NextDue(j, after);
        return shelf is null ? look : Math.Min(look, Math.Max(j.LastTicks + settings.PassivateAfter.Ticks, after + 1));
    }

    private bool IsIdle(JourneyState j, long at) => shelf is not null && at != long.MinValue && at >= j.LastTicks + settings.PassivateAfter.Ticks;

    /// <summary>Passivates the journey (out of the due queue already), with its next look.</summary>
    private void Shelve(JourneyState j, long due)
    {
        shelf!.Put(j.ToSnapshot(), due);
        _journeys.Remove(j.JourneyId);
        Unindex(_byCustomer, j.CustomerId, j);
        Unindex(_byAccount, j.AccountId, j);
    }

    /// <summary>A journey taken off the shelf, held in memory again (its due queue entry is the caller's).</summary>
    private JourneyState Bring(JourneyStateSnapshot s)
    {
        var j = Thaw(s);
        Hold(j);
        return j;
    }

    private JourneyState Thaw(JourneyStateSnapshot s) => JourneyState.FromSnapshot(s, _labels, settings.MaxTimelineSteps);
}
