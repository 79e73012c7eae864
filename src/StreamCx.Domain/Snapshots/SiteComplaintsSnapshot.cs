using StreamCx.Domain.Complaints;
using StreamCx.Domain.Listening;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="SiteComplaints"/> holds, as plain data: its hourly counts, its surge alerts, the ids it remembers.</summary>
public sealed record SiteComplaintsSnapshot(
    long? FirstHour,
    long NewestHour,
    long Total,
    IReadOnlyList<ComplaintSeriesSnapshot> Series,
    IReadOnlyDictionary<string, SurgeAlertState> Alerts,
    IReadOnlyList<RememberedEventId> Ids);

/// <summary>One reason and channel: the hours that have complaints (hours since the Unix epoch) and their counts.</summary>
public sealed record ComplaintSeriesSnapshot(string Reason, string Channel, long[] Hours, long[] Counts);
