using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Alerting;

/// <summary>
/// The comments that bear on an irritant of one site-attribute: those left with a dissatisfied rating of that attribute,
/// the latest <c>capacity</c> of them, shown most recent first. A comment left with a satisfied rating is not kept (it
/// would be shown under an alert it does not explain).
/// </summary>
public sealed class VerbatimBuffer(int capacity)
{
    public const int MaxTextLength = 500;
    // kept as (verbatim, dissatisfied) pairs, not Entry objects: no allocation per comment besides the verbatim itself
    private readonly Queue<(Verbatim Verbatim, bool Dissatisfied)> _entries = new();

    public void Add(Verbatim verbatim, bool dissatisfied)
    {
        if (capacity == 0 || !dissatisfied || string.IsNullOrWhiteSpace(verbatim.Text)) return;
        // records are immutable: the verbatim is kept as given unless its text must be cut (no copy per comment)
        var kept = verbatim.Text.Length <= MaxTextLength ? verbatim : verbatim with { Text = string.Concat(verbatim.Text.AsSpan(0, MaxTextLength), "…") };
        _entries.Enqueue((kept, dissatisfied));
        while (_entries.Count > capacity) _entries.Dequeue();
    }

    /// <summary>The kept comments, most recent first.</summary>
    public IReadOnlyList<Verbatim> Pick() =>
        _entries.Reverse().Where(e => e.Dissatisfied).Take(capacity).Select(e => e.Verbatim).ToArray();

    public IReadOnlyList<Entry> Entries => _entries.Select(e => new Entry(e.Verbatim, e.Dissatisfied)).ToArray();

    public void Restore(IEnumerable<Entry> entries)
    {
        _entries.Clear();
        foreach (var e in entries) _entries.Enqueue((e.Verbatim, e.Dissatisfied));
    }

    public sealed record Entry(Verbatim Verbatim, bool Dissatisfied);
}
