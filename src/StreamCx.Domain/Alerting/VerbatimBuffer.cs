using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Alerting;

/// <summary>The last few comments left with a rating of one site-attribute; dissatisfied ones are shown first.</summary>
public sealed class VerbatimBuffer(int capacity)
{
    public const int MaxTextLength = 500;
    private readonly Queue<Entry> _entries = new();

    public void Add(Verbatim verbatim, bool dissatisfied)
    {
        if (capacity == 0 || string.IsNullOrWhiteSpace(verbatim.Text)) return;
        var text = verbatim.Text.Length <= MaxTextLength ? verbatim.Text : string.Concat(verbatim.Text.AsSpan(0, MaxTextLength), "…");
        _entries.Enqueue(new Entry(verbatim with { Text = text }, dissatisfied));
        while (_entries.Count > capacity * 3) _entries.Dequeue();
    }

    public IReadOnlyList<Verbatim> Pick() =>
        _entries.Reverse().OrderByDescending(e => e.Dissatisfied).Take(capacity).Select(e => e.Verbatim).ToArray();

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public void Restore(IEnumerable<Entry> entries)
    {
        _entries.Clear();
        foreach (var e in entries) _entries.Enqueue(e);
    }

    public sealed record Entry(Verbatim Verbatim, bool Dissatisfied);
}
