using StreamCx.Domain.Journeys.Passivation;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>
/// A shelf for the domain's tests: journeys kept as JSON (nothing shared with the book that put them there), and how many
/// came back and how (by an event, a deadline, a churn). The engine's shelf is a SQLite file, tested in the engine's tests.
/// </summary>
internal sealed class JsonShelf : IJourneyShelf
{
    private readonly Dictionary<string, (string Json, long Due)> _journeys = new(StringComparer.Ordinal);

    public int Puts { get; private set; }

    public int TakenByEvent { get; private set; }

    public int TakenByDeadline { get; private set; }

    public int TakenByChurn { get; private set; }

    public bool Disposed { get; private set; }

    public long Count => _journeys.Count;

    public long? EarliestDue => _journeys.Count == 0 ? null : _journeys.Values.Min(j => j.Due);

    public void Put(JourneyStateSnapshot journey, long due)
    {
        Assert.True(_journeys.TryAdd(journey.JourneyId, (EngineSnapshotJson.Serialize(journey), due)), $"{journey.JourneyId} is on the shelf already");
        Puts++;
    }

    public ShelvedJourney? Take(string journeyId)
    {
        var found = Find(journeyId);
        if (found is not null)
        {
            _journeys.Remove(journeyId);
            TakenByEvent++;
        }
        return found;
    }

    public ShelvedJourney? Find(string journeyId) => _journeys.TryGetValue(journeyId, out var j) ? Read(j) : null;

    public IReadOnlyList<ShelvedJourney> TakeDue(long upTo)
    {
        var due = _journeys.Where(kv => kv.Value.Due <= upTo).Select(kv => kv.Key).ToList();
        TakenByDeadline += due.Count;
        return [.. due.Select(id => Read(Remove(id)))];
    }

    public IReadOnlyList<ShelvedJourney> TakeOf(string? customerId, string? accountId)
    {
        var of = _journeys.Where(kv => Read(kv.Value).Journey is var j && ((customerId is not null && j.CustomerId == customerId) || (accountId is not null && j.AccountId == accountId)))
            .Select(kv => kv.Key).ToList();
        TakenByChurn += of.Count;
        return [.. of.Select(id => Read(Remove(id)))];
    }

    public IEnumerable<ShelvedJourney> All(long activeSince = long.MinValue) => [.. _journeys.Values.Select(Read).Where(j => j.Journey.LastTicks >= activeSince)];

    public void Dispose() => Disposed = true;

    private (string Json, long Due) Remove(string id)
    {
        _journeys.Remove(id, out var j);
        return j;
    }

    private static ShelvedJourney Read((string Json, long Due) j) =>
        new(System.Text.Json.JsonSerializer.Deserialize<JourneyStateSnapshot>(j.Json, EngineSnapshotJson.Options)!, j.Due);
}
