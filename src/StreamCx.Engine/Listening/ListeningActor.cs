using Akka.Actor;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Regions;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Listening;

/// <summary>
/// This engine's listening sources (complaints, incidents, staff reports, social mentions): hosts the
/// <see cref="ListeningProcessor"/> that <c>replay</c> runs, fed by the ingestion stream in consumption order; each message
/// waits until the sites' router says the frontier of event time passed it (<see cref="FrontierAdvanced"/>) and is then
/// applied in event order, as the journeys are; its alerts go out with the sites' alerts. With durability (the engine, fed
/// through the region topic) there is one processor per region-topic partition held here (<see cref="ListeningChannels"/>):
/// each is snapshotted whole with the offsets it took, restored when its partition is assigned here (before anything of it
/// is applied), and dropped when the partition goes to another engine; the source offsets are committed only once a
/// snapshot covers them (<see cref="LedgerKey"/> in the <see cref="OffsetLedger"/>), so a crash or a rebalance loses and
/// repeats nothing. Each processor takes the feedback of its partition too (<see cref="ApplyListening.Feedback"/>): for the incident
/// correlation, the service figures and the units at once, and for the channels and touchpoints (<see cref="ChannelProcessor"/>)
/// after the frontier passes it, each hour the frontier closes tested for channels markedly worse than their site's others.
/// </summary>
public sealed class ListeningActor : ChannelStateActor
{
    /// <summary>The listening sources' name in the offset ledger, beside the sites' ids (no site id has parentheses).</summary>
    public const string LedgerKey = "(listening)";

    private readonly ReferenceCatalog _catalog;
    private readonly ListeningChannels _channels;
    private readonly IAlertPublisher _alerts;

    public ListeningActor(
        ReferenceCatalog catalog, ComplaintSettings complaints, IAlertPublisher alerts, SocialSettings? social, ChannelSettings? channels, SiteDurability? durability)
        : base("listening-", LedgerKey, "its listening sources", alerts, durability)
    {
        _catalog = catalog;
        _alerts = alerts;
        _channels = new ListeningChannels(catalog, () => new ListeningProcessor(catalog, complaints, alerts.Clock, social, channels));
        Running();
    }

    protected override void Running()
    {
        Receive<ApplyListening>(m =>
        {
            if (StartLoading(m.Items.Select(i => ChannelOf(i.Position)).Concat(m.Feedback.Select(e => ChannelOf(e.Position)))))
            {
                Stash.Stash();
                return;
            }
            // each partition's messages in their order, whatever their type: a copy is told from a first read by its source
            // offset, so feedback taken after a later listening message of the same source would be refused as a copy
            var inOrder = m.Items.Select(i => (i.Position, i.Source, Listening: (ListeningEvent?)i.Event, Feedback: (FeedbackEvent?)null))
                .Concat(m.Feedback.Select(f => (f.Position, f.Source, Listening: (ListeningEvent?)null, Feedback: (FeedbackEvent?)f.Event)))
                .OrderBy(x => x.Position?.Offset ?? -1);
            foreach (var (position, source, listening, feedback) in inOrder)
                if (Take(position, source) is { } processor) Publish(listening is not null ? processor.Offer(listening) : processor.OfferFeedback(feedback!));
            Advance(); // a channel told its frontier before its first messages came applies what it passed now, not at its next move
            AfterTaking();
        });
        Receive<FrontierAdvanced>(m =>
        {
            Hear(m);
            Advance();
        });
        Receive<GetServiceKpis>(m => AnswerOver(m.RegionId, m.SiteId, c => c.Service(m.RegionId, m.SiteId, m.Days)));
        Receive<GetChannels>(m => AnswerOver(m.RegionId, m.SiteId, c => c.Channels(m.RegionId, m.SiteId, m.Hours)));
        Receive<GetComplaintBoard>(m => AnswerOver(m.RegionId, m.SiteId, c =>
            m.StaffReports ? c.StaffReports(m.RegionId, m.SiteId, m.Channel, m.Days) : c.Board(m.RegionId, m.SiteId, m.Channel, m.Days)));
        Receive<GetListeningStatus>(_ => Sender.Tell(Status()));
        ReceiveOwnership();
    }

    /// <summary>
    /// Answers a view of the listening sources of a region or a site (both null: of all) whichever engine holds them: from
    /// the channels held here, and from the latest snapshot of each channel the view needs that another engine holds (read
    /// apart, as of its holder's last save, never held here).
    /// </summary>
    private void AnswerOver(string? regionId, string? siteId, Func<ListeningChannels, object> view)
    {
        var region = regionId ?? (siteId is not null && _catalog.TryGetSite(siteId, out var site) ? site.RegionId : null);
        IReadOnlyList<string> needed = region is null ? AllChannels() : ChannelOfKey(region) is { } one ? [one] : [];
        var apart = needed.Where(c => !_channels.Held.Contains(c)).ToList();
        var replyTo = Sender;
        var create = _channels.Create;
        WithSaved(apart, (stored, persistenceId) => Restored(create(), stored[^1].Stored, persistenceId), saved =>
        {
            var all = new ListeningChannels(_catalog, _channels.Create);
            foreach (var (channel, processor) in saved) all.Put(channel, processor);
            foreach (var channel in _channels.Held) all.Put(channel, _channels.Of(channel)); // held here meanwhile: what it holds now
            replyTo.Tell(view(all));
        });
    }

    private static ListeningProcessor Restored(ListeningProcessor processor, object stored, string persistenceId)
    {
        processor.Restore(SnapshotCodec.DecodeListening(stored, persistenceId).State);
        return processor;
    }

    /// <summary>The processor of a message's channel, or null when the channel does not take it (<see cref="ChannelStateActor.Takes"/>).</summary>
    private ListeningProcessor? Take(SourcePosition? position, SourcePosition? source)
    {
        var channel = ChannelOf(position);
        return Takes(channel, position, source) ? _channels.Of(channel) : null;
    }

    /// <summary>Applies, in each channel, what its frontier of event time passed.</summary>
    private void Advance()
    {
        foreach (var channel in _channels.Held)
        {
            if (FrontierOf(channel) is not { } frontier) continue;
            var processor = _channels.Of(channel);
            var held = processor.Held;
            var alerts = processor.Advance(frontier);
            Publish(alerts);
            if (processor.Held != held || alerts.Count > 0) Changed(channel); // applied what it held, or tested hours and raised
        }
    }

    protected override void DropState(string channel) => _channels.Drop(channel);

    protected override ChannelCoverage RestoreState(string channel, object? stored, string persistenceId)
    {
        var snapshot = SnapshotCodec.DecodeListening(stored, persistenceId);
        var processor = _channels.Create();
        processor.Restore(snapshot.State);
        _channels.Put(channel, processor);
        if (FrontierOf(channel) is { } f) Publish(processor.Advance(f)); // what it held and its frontier already passed
        return new ChannelCoverage(snapshot.AppliedOffsets, snapshot.SourceOffsets);
    }

    protected override byte[] CaptureState(string channel, IReadOnlyDictionary<string, long> offsets, IReadOnlyDictionary<string, long> sources) =>
        SnapshotCodec.Encode(new ListeningChannelSnapshot(ListeningChannelSnapshot.CurrentVersion, channel, _channels.Of(channel).Capture(), offsets) { SourceOffsets = sources });

    private void Publish(IReadOnlyList<Alert> alerts)
    {
        foreach (var alert in alerts) _alerts.Publish(alert);
    }

    private ListeningStatus Status()
    {
        var byType = ListeningTypes.All.ToDictionary(t => t, t => _channels.Sum(p => p.Counters.Of(t)));
        var uncatalogued = ListeningCounters.UncataloguedFlags.ToDictionary(ListeningCounters.CatalogName, f => _channels.Sum(p => p.Counters.Uncatalogued(f)));
        return new ListeningStatus(
            byType, uncatalogued, _channels.Sum(p => p.Late), (int)_channels.Sum(p => p.Held),
            _channels.Sum(p => p.Complaints.Counters.Applied), _channels.Sum(p => p.Complaints.Counters.Duplicates))
        {
            SocialApplied = _channels.Sum(p => p.Social.Applied),
            SocialDuplicates = _channels.Sum(p => p.Social.Duplicates),
            IncidentsApplied = _channels.Sum(p => p.Incidents.Applied),
            NegativeReportsApplied = _channels.Sum(p => p.Internal.Counters.Applied),
            Channels = new ChannelStatus(
                _channels.Sum(p => p.Channels.Applied), _channels.Sum(p => p.Channels.Late), (int)_channels.Sum(p => p.Channels.Held),
                _channels.Held.Select(c => _channels.Of(c).Channels.TestedThrough).Max()),
        };
    }

    /// <param name="durability">Null: one processor, nothing saved. Else one per region-topic partition, each snapshotted.</param>
    public static Props Create(
        ReferenceCatalog catalog, ComplaintSettings complaints, IAlertPublisher alerts, SocialSettings? social = null, SiteDurability? durability = null,
        ChannelSettings? channels = null) =>
        Props.Create(() => new ListeningActor(catalog, complaints, alerts, social, channels, durability));
}
