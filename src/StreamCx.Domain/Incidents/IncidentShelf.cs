using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Incidents;

/// <summary>Every site's <see cref="IncidentBook"/>, and the citations alerts make of them.</summary>
public sealed class IncidentShelf(ReferenceCatalog catalog)
{
    private readonly Dictionary<string, IncidentBook> _books = new(StringComparer.Ordinal);

    public long Applied { get; private set; }

    public long Duplicates { get; private set; }

    public IncidentBook? Book(string siteId) => _books.GetValueOrDefault(siteId);

    /// <summary>Takes an incident into its site's book; false for one kept already.</summary>
    public bool Add(Incident i)
    {
        var book = BookFor(i.SiteId!);
        var added = book.Add(i);
        if (added) Applied++;
        else Duplicates++;
        book.ForgetBefore(book.Newest - IncidentBook.Retention); // taken in event order: the newest is the time of the sources
        return added;
    }

    /// <summary>The incidents at <paramref name="siteId"/> bearing on <paramref name="attributeId"/> (null: any) in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IReadOnlyList<IncidentEvidence> Cite(string siteId, string? attributeId, DateTimeOffset from, DateTimeOffset to) =>
        IncidentCitation.For(Book(siteId), catalog.Listening, attributeId, from, to);

    public IncidentBookSnapshot Capture(string siteId) => BookFor(siteId).ToSnapshot();

    public void Restore(string siteId, IncidentBookSnapshot snapshot) => BookFor(siteId).Restore(snapshot);

    /// <summary>Every site's book, with its counters, as plain data.</summary>
    public IncidentShelfSnapshot Capture() => new(_books.ToOrdinalDictionary(b => b.ToSnapshot()), Applied, Duplicates);

    /// <summary>Puts back what <see cref="Capture()"/> took, into a shelf that has taken nothing yet.</summary>
    public void Restore(IncidentShelfSnapshot snapshot)
    {
        foreach (var (siteId, book) in snapshot.Sites) Restore(siteId, book);
        (Applied, Duplicates) = (snapshot.Applied, snapshot.Duplicates);
    }

    private IncidentBook BookFor(string siteId)
    {
        if (!_books.TryGetValue(siteId, out var book)) _books[siteId] = book = new IncidentBook();
        return book;
    }
}

/// <summary>The incidents at a site bearing on an attribute (null: any) in a window, by type.</summary>
public delegate IReadOnlyList<IncidentEvidence> IncidentLookup(string siteId, string? attributeId, DateTimeOffset from, DateTimeOffset to);
