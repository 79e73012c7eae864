using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Sites;

/// <summary>Apply one validated event to its site; answered with <see cref="FeedbackApplied"/>.</summary>
public sealed record ApplyFeedback(FeedbackEvent Event, SourcePosition? Position = null) : IWithSiteId
{
    public string SiteId => Event.SiteId;

    /// <summary>Stopwatch timestamp of the event's consumption from Kafka (0 when unknown), for latency metrics.</summary>
    public long ConsumedAt { get; init; }

    /// <summary>The source partition the event was first read from, when it came through the region topic (see <see cref="RawFeedback.Input"/>).</summary>
    public string? Input { get; init; }

    /// <summary>Where the event was first read, when it came through the region topic (see <see cref="RawFeedback.Source"/>).</summary>
    public SourcePosition? Source { get; init; }
}

/// <summary>
/// Several validated events at once (in consumption order), answered through one <see cref="FeedbackReceipt"/>
/// (<c>Receipt</c> index i is <c>Events[i]</c>) instead of one reply each: the ingestion stream's unit of work.
/// <c>CaughtUp</c>: inputs ("topic/partition") that reached the end of their data, each after the first
/// <c>AfterEvents</c> events of the batch (in consumption order); <c>Reports</c>: the intake's reports on its inputs
/// (read from the region topic partition <c>Channel</c> at <c>Offset</c>), each after the first <c>AfterEvents</c> events.
/// </summary>
public sealed record ApplyFeedbackBatch(IReadOnlyList<ApplyFeedback> Events, FeedbackReceipt Receipt)
{
    public IReadOnlyList<(int AfterEvents, string Input)> CaughtUp { get; init; } = [];

    /// <summary>
    /// Journey messages of the batch (they go to the journeys, not to a site), for the frontier: the input and the event
    /// time of each, after the first <c>AfterEvents</c> events and the first <c>AfterCaughtUp</c> entries of <see cref="CaughtUp"/>.
    /// </summary>
    public IReadOnlyList<(int AfterEvents, int AfterCaughtUp, string Input, DateTimeOffset At)> Observed { get; init; } = [];

    public IReadOnlyList<(int AfterEvents, string Channel, long Offset, IReadOnlyList<InputReport> Reports)> Reports { get; init; } = [];

    /// <summary>The batch's incidents and social mentions of a site (they go to the listening sources too), for their sites' alerts.</summary>
    public IReadOnlyList<ApplySiteListening> SiteListening { get; init; } = [];
}

/// <summary>
/// An operational incident or a social mention for its site (<see cref="Domain.Processing.FeedbackProcessor.AddToSite"/>:
/// its alerts cite the incidents and are escalated when the mentions rise), with where it was read (the region-topic
/// partition, when it came through it: <paramref name="Input"/> is then its source partition).
/// </summary>
public sealed record ApplySiteListening(ListeningEvent Event, SourcePosition? Position, string? Input) : IWithSiteId
{
    public string SiteId => Event.SiteId!;

    /// <summary>How many of the batch's events come before it: a site takes its messages in their partition's order.</summary>
    public int AfterEvents { get; init; }
}

/// <summary>
/// The event was taken in by its site (or recognised as a duplicate). <paramref name="AlreadyApplied"/>: its source
/// offset was already covered by the site's restored snapshot, so it was skipped.
/// </summary>
public sealed record FeedbackApplied(string EventId, IntakeOutcome Outcome, bool AlreadyApplied = false);

/// <summary>A question about one site, answered by the region that holds it (or from its latest snapshot, on another engine).</summary>
public interface ISiteQuery : IWithSiteId;

/// <summary>Ask a site for its current scores; answered with <see cref="SiteScores"/>.</summary>
public sealed record GetSiteScores(string SiteId) : ISiteQuery;

/// <summary>Ask a site for its days of incidents and ratings (<see cref="Domain.Incidents.SiteDays"/>); answered with <see cref="SiteDaysFound"/>.</summary>
public sealed record GetSiteDays(string SiteId) : ISiteQuery;

/// <summary>A site's days of incidents and ratings, for its region's incident correlation.</summary>
public sealed record SiteDaysFound(string SiteId, IReadOnlyList<Domain.Snapshots.SiteDaySnapshot> Days);

/// <summary>Ask a site for its units on an attribute over the last <paramref name="Hours"/>; answered with <see cref="SiteUnitsFound"/>.</summary>
public sealed record GetSiteUnits(string SiteId, string AttributeId, int Hours) : ISiteQuery;

/// <summary>
/// A site's units on an attribute: each one's responses and mean over the period, and those that make the site's drop over
/// the last <see cref="Domain.Units.DropUnits.MinRecentHours"/> hours (none when no unit has enough responses).
/// </summary>
public sealed record SiteUnitsFound(IReadOnlyList<Domain.Units.UnitScore> Scores, IReadOnlyList<UnitContribution> Drop, int MinResponses);

/// <summary>
/// A site's headline scores, the totals of each attribute it has seen, and each attribute's current score (window
/// mean, % dissatisfied, sparkline).
/// </summary>
public sealed record SiteScores(
    string SiteId, SiteHeadline Headline, IReadOnlyDictionary<string, AttributeTotals> Attributes, IReadOnlyDictionary<string, AttributeScore> Scores);

/// <summary>
/// These source partitions were assigned to this engine: each holds event time back until it delivers or is caught up;
/// sites left in memory from an earlier ownership of them are dropped (restored from their snapshots when next used).
/// </summary>
public sealed record PartitionsAssigned(IReadOnlyList<(string Topic, int Partition)> Partitions)
{
    /// <summary>
    /// Partitions of the region topic, not inputs: the intake reports the inputs' time; nothing is released before
    /// <c>HearInputsFor</c> has passed (the intakes' reports name every input in that time).
    /// </summary>
    public TimeSpan? HearInputsFor { get; init; }
}

/// <summary>
/// Every partition of the source topics (inputs of event time, "topic/partition"): each region-topic partition held here
/// waits to hear of all of them before it releases anything (<see cref="StreamCx.Domain.EventTime.EventTimeFrontier.Expect"/>),
/// now and on every later assignment.
/// </summary>
public sealed record SourceInputsKnown(IReadOnlyList<string> Inputs);

/// <summary>
/// These source partitions were revoked from this engine (or assigned anew): the sites fed by them must be handed over.
/// Asked (not told), it is answered with <see cref="SitesSettled"/> once every region has dropped those sites and no save
/// of theirs is in flight: nothing of them is written after that, so their next holder restores one instant of them.
/// </summary>
public sealed record PartitionsReleased(IReadOnlyList<(string Topic, int Partition)> Partitions);

/// <summary>A region is asked whether its dropped sites' saves have all been answered by the store.</summary>
public sealed record SettleSaves
{
    public static readonly SettleSaves Instance = new();
}

/// <summary>The answer to <see cref="SettleSaves"/> (and to an asked <see cref="PartitionsReleased"/>).</summary>
public sealed record SitesSettled
{
    public static readonly SitesSettled Instance = new();
}

/// <summary>Every site snapshots what it has not saved yet (before a graceful stop).</summary>
public sealed record SnapshotNow
{
    public static readonly SnapshotNow Instance = new();
}
