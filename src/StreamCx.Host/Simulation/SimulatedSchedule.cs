namespace StreamCx.Host.Simulation;

/// <summary>
/// The messages of several simulated systems in event time: each <see cref="ScriptedSource"/> scripts its stories as their
/// start comes, messages scripted in advance wait beside them, and <see cref="Until"/> hands over, in event order, every
/// message due by a time — the same messages however the time is stepped.
/// </summary>
internal sealed class SimulatedSchedule
{
    private readonly ScriptedSource[] _sources;
    private readonly PriorityQueue<SimulatedMessage, SimulatedMessage> _due = new(SimulatedMessage.EventOrder);

    public SimulatedSchedule(IEnumerable<ScriptedSource> sources, IEnumerable<SimulatedMessage>? scripted = null)
    {
        _sources = [.. sources];
        foreach (var m in scripted ?? []) _due.Enqueue(m, m);
    }

    /// <summary>The messages due at or before <paramref name="upTo"/> not handed over yet, in event order.</summary>
    public IReadOnlyList<SimulatedMessage> Until(DateTimeOffset upTo)
    {
        foreach (var source in _sources)
        {
            while (source.NextStart <= upTo)
                foreach (var m in source.StartNext()) _due.Enqueue(m, m);
        }
        if (!_due.TryPeek(out var first, out _) || first.At > upTo) return [];
        var due = new List<SimulatedMessage>();
        while (_due.TryPeek(out var next, out _) && next.At <= upTo) due.Add(_due.Dequeue());
        return due;
    }
}
