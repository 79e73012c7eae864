using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Listening;

/// <summary>
/// A batch's messages of the listening sources and its feedback (for the incident correlation, service figures, units and
/// the channels), in consumption order (no reply). One message for both: through the region topic each partition's
/// messages are taken in their order, whatever their type (a copy is told from a first read by its source offset).
/// </summary>
public sealed record ApplyListening(IReadOnlyList<ListeningItem> Items)
{
    public IReadOnlyList<ApplyFeedback> Feedback { get; init; } = [];
}

/// <summary>
/// One message of the listening sources and where it was read (null when not read from Kafka); through the region topic,
/// <paramref name="Source"/> is where it was first read (the same for a copy its intake forwarded again after a restart).
/// </summary>
public readonly record struct ListeningItem(ListeningEvent Event, SourcePosition? Position, SourcePosition? Source = null);

/// <summary>Ask for the service figures of a region or a site (null: all); answered with a list of <see cref="Domain.Service.ServiceView"/>.</summary>
public sealed record GetServiceKpis(string? RegionId, string? SiteId, int Days = Domain.Service.ServiceKpis.DefaultDays);

/// <summary>Ask for the reasons board (null: every region, site or channel); answered with <see cref="ComplaintBoard"/>.</summary>
public sealed record GetComplaintBoard(string? RegionId, string? SiteId, string? Channel, int Days)
{
    /// <summary>The negative staff reports' board instead (keys: attributes and topics; <see cref="Channel"/>: the reporter role).</summary>
    public bool StaffReports { get; init; }
}

/// <summary>
/// Ask for the indicators per channel and touchpoint of a site (or of every site of a region, when <paramref name="SiteId"/> is
/// null) over the last <paramref name="Hours"/>; answered with <see cref="Domain.Channels.ChannelView"/>.
/// </summary>
public sealed record GetChannels(string? RegionId, string? SiteId, int Hours);

/// <summary>The channels' feedback applied, applied late, waiting for the frontier, and the hour of event time tested through.</summary>
public sealed record ChannelStatus(long Applied, long Late, int Held, DateTimeOffset? TestedThrough);

/// <summary>Ask for the listening sources' counters; answered with <see cref="ListeningStatus"/>.</summary>
public sealed record GetListeningStatus
{
    public static readonly GetListeningStatus Instance = new();
}

/// <summary>Messages taken by type, uncatalogued values by catalog, those applied late, and those waiting for the frontier.</summary>
public sealed record ListeningStatus(
    IReadOnlyDictionary<string, long> ByType, IReadOnlyDictionary<string, long> Uncatalogued, long Late, int Held,
    long ComplaintsApplied, long ComplaintDuplicates)
{
    public long SocialApplied { get; init; }

    public long SocialDuplicates { get; init; }

    public long IncidentsApplied { get; init; }

    public long NegativeReportsApplied { get; init; }

    public ChannelStatus? Channels { get; init; }
}
