using StreamCx.Domain.Complaints;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="ComplaintProcessor"/> holds, as plain data: every site it knows (by site id, in ordinal order) and its counters.</summary>
public sealed record ComplaintProcessorSnapshot(
    IReadOnlyDictionary<string, SiteComplaintsSnapshot> Sites,
    long Applied,
    long Duplicates,
    long Uncatalogued);
