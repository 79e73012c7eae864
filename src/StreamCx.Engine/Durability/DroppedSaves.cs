using Akka.Actor;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The saves still in flight of what an actor dropped (sites or channels that moved to another engine), and who waits for
/// them: a release is answered (<see cref="SitesSettled"/>) only once the store has answered every one, so that nothing
/// of what moved is written after its next holder starts reading it.
/// </summary>
public sealed class DroppedSaves
{
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal); // persistence ids
    private readonly List<IActorRef> _waiting = [];

    /// <summary>A dropped key's save is still being written.</summary>
    public void Dropped(string persistenceId) => _inFlight.Add(persistenceId);

    /// <summary>Answers <see cref="SettleSaves"/> at once when nothing dropped is being written, else once it is.</summary>
    public void Settle(IActorRef asker)
    {
        if (_inFlight.Count == 0) asker.Tell(SitesSettled.Instance);
        else _waiting.Add(asker);
    }

    /// <summary>The store answered a save (or it was given up on): once no dropped save is left, those waiting are told.</summary>
    public void Answered(string persistenceId)
    {
        if (!_inFlight.Remove(persistenceId) || _inFlight.Count > 0) return;
        foreach (var asker in _waiting) asker.Tell(SitesSettled.Instance);
        _waiting.Clear();
    }
}

/// <summary>A save that got no answer from the store in time is given up, so the next one can start.</summary>
public sealed record SaveTimeout(string PersistenceId, long Sequence);
