using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Complaints;

/// <summary>
/// The reasons board: each reason's complaints over a period (per day, by channel, by site), most frequent first, for a
/// site, a region or the network, optionally one channel. An uncatalogued reason is shown as given, marked so.
/// </summary>
public sealed record ComplaintBoard(DateTimeOffset? From, DateTimeOffset? To, long Total, IReadOnlyList<ComplaintBoardRow> Reasons)
{
    public static ComplaintBoard Of(ReferenceCatalog catalog, IReadOnlyList<SiteComplaints> sites, string? channel, int days) =>
        Of(sites, channel, days, key => catalog.Listening.TryGetReason(key, out var reason) ? (reason.Label, true, reason.AttributeId) : (key, false, null));

    /// <summary>The same board of counts under other keys (staff reports: attributes and topics), each described by <paramref name="describe"/>.</summary>
    public static ComplaintBoard Of(IReadOnlyList<SiteComplaints> sites, string? channel, int days, Func<string, (string Label, bool Catalogued, string? AttributeId)> describe)
    {
        if (sites.Count == 0 || sites.All(s => s.FirstHour is null)) return new ComplaintBoard(null, null, 0, []);
        var to = sites.Max(s => s.NewestHour);
        var from = to - (days * 24L) + 1;
        var rows = sites
            .SelectMany(s => s.Counts(from, to).Select(c => (Site: s.SiteId, c.Reason, c.Channel, c.Count)))
            .Where(c => channel is null || c.Channel == channel)
            .GroupBy(c => c.Reason, StringComparer.Ordinal)
            .Select(g =>
            {
                var (label, catalogued, attributeId) = describe(g.Key);
                var total = g.Sum(c => c.Count);
                return new ComplaintBoardRow(
                    g.Key, label, catalogued, attributeId, total, Math.Round(total / (double)days, 2),
                    Totals(g.Select(c => (c.Channel, c.Count))), Totals(g.Select(c => (c.Site, c.Count))));
            })
            .OrderByDescending(r => r.Count).ThenBy(r => r.ReasonId, StringComparer.Ordinal)
            .ToArray();
        return new ComplaintBoard(SparseCounts.StartOfHour(from), SparseCounts.StartOfHour(to + 1), rows.Sum(r => r.Count), rows);
    }

    private static IReadOnlyDictionary<string, long> Totals(IEnumerable<(string Key, long Count)> counts) =>
        counts.GroupBy(c => c.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
}

/// <summary>One reason on the board: its complaints in the period, per day, by channel and by site.</summary>
public sealed record ComplaintBoardRow(
    string ReasonId, string Label, bool Catalogued, string? AttributeId, long Count, double PerDay,
    IReadOnlyDictionary<string, long> ByChannel, IReadOnlyDictionary<string, long> BySite);
