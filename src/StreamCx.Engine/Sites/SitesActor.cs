using Akka.Actor;
using Akka.Event;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Grouping;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Regions;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Sites;

/// <summary>
/// The engine's router and its clock of event time. It keeps the <see cref="EventTimeFrontier"/> over the source
/// partitions it consumes (each assigned partition holds event time back until it delivers, is caught up or goes
/// idle), routes every event to the <see cref="RegionActor"/> of its site's region with how it stood against the
/// frontier, and tells every region, and the journeys, when the frontier moves (journey messages move their inputs' time
/// too, and wait in the journeys for the frontier to pass them). An event with no source position (a test, a tool) has no
/// input to be ordered against: it is applied as it comes. When source partitions are revoked or assigned (a
/// rebalance), the sites that took events from them, and the sites only read by queries, are dropped: their next
/// owner, or this engine when the partition comes back, restores them from their snapshots and re-applies what those
/// do not cover.
/// </summary>
public sealed class SitesActor : ReceiveActor, IWithTimers
{
    private readonly ReferenceCatalog _catalog;
    private readonly EventTimeSettings _eventTime;
    // one frontier per channel: each partition of the region topic (its intakes' reports order the regions it carries,
    // whatever the pace at which the other partitions are read), or Direct for the feedback topics consumed directly
    private readonly Dictionary<string, EventTimeFrontier> _frontiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _channelOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _told = new(StringComparer.Ordinal); // by region
    private readonly Dictionary<string, IReadOnlyList<InputReport>> _toldTimes = new(StringComparer.Ordinal); // by region
    private readonly RestoredInputTimes _restored = new(); // from regions' snapshots, and how far each channel was read
    private readonly TimeProvider _clock;
    private readonly IEngineTelemetry _telemetry;
    private readonly Func<string, bool, IActorRef> _newRegion;
    private readonly HashSet<string> _owning = new(StringComparer.Ordinal); // through the region topic: regions restored whole here as their holder
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal); // region-topic partitions revoked and not assigned again
    private readonly Dictionary<string, IActorRef> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(string Topic, int Partition)>> _partitionsOf = new(StringComparer.Ordinal);
    private readonly InputLogThrottle _earlyLog = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly bool _durable;
    private readonly EventTimeProgress _progress;
    private readonly IActorRef? _journeys;
    private readonly IActorRef? _listening;
    private readonly INetworkFeed? _network;
    private readonly Dictionary<string, DateTimeOffset> _regionPassed = new(StringComparer.Ordinal); // what each region told it applied through
    private readonly Dictionary<string, DateTimeOffset> _toldPassed = new(StringComparer.Ordinal); // per channel, what the network feed was told
    private readonly Dictionary<string, DateTimeOffset>? _journeysPassed; // per channel, what the journeys told they applied (their readings out); null: they give none
    private int _channelCount; // the region topic's partitions (0: not known yet)
    private const string Direct = "";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);
    private const string DirectChannel = "(direct)"; // the network feed's one channel when the feedback topics are read directly
    private DateTimeOffset? _toldJourneys;
    private Dictionary<string, DateTimeOffset>? _toldByChannel; // each partition's frontier as last told the journeys and the listening sources
    private bool _regionTopic; // regions come through the region topic: one is held here only through a channel held here
    private IReadOnlyList<string> _sourceInputs = []; // every partition of the source topics (through the region topic)

    public SitesActor(
        ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, EventTimeSettings eventTime, IEngineTelemetry telemetry,
        SiteDurability? durability, EventTimeProgress progress, IActorRef? journeys = null, IActorRef? listening = null, SocialSettings? social = null,
        INetworkFeed? network = null, bool journeysGiveReadings = false)
    {
        _journeysPassed = journeysGiveReadings && journeys is not null && network is not null ? new(StringComparer.Ordinal) : null;
        (_catalog, _clock, _telemetry, _durable, _progress, _journeys, _listening) = (catalog, alerts.Clock, telemetry, durability is not null, progress, journeys, listening);
        _eventTime = eventTime;
        var created = 0;
        // the network grouping: the engine's feed (the network topic), or within this engine only, an actor of its own
        _network = !settings.NetworkGroups ? null : network ?? new LocalNetworkFeed(Context.ActorOf(NetworkGroupsActor.Create(catalog, settings, alerts, telemetry), "network-groups"));
        _newRegion = (regionId, restore) => Context.ActorOf(RegionActor.Props(regionId, catalog, settings, alerts, telemetry, durability, progress, _network, restore, social), $"region-{created++}");
        var shortestWait = eventTime.CaughtUpWait > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(eventTime.IdleTimeout.Ticks, eventTime.CaughtUpWait.Ticks)) : eventTime.IdleTimeout;
        // a tenth (at least 50 ms): a caught-up input's wait ends between two checks, and the events it held wait for the next
        // (a quarter of a 1 s wait was an eighth of a second more on every live alert on average)
        var idleCheck = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 50, Math.Min(TimeSpan.TicksPerSecond, shortestWait.Ticks / 10)));
        Timers.StartPeriodicTimer(IdleCheck.Instance, IdleCheck.Instance, idleCheck);

        Receive<ApplyFeedbackBatch>(Route);
        Receive<ApplyFeedback>(m =>
        {
            var receipt = new FeedbackReceipt(1);
            Route(new ApplyFeedbackBatch([m], receipt));
            receipt.Completion.PipeTo(Sender, success: o => new FeedbackApplied(m.Event.EventId, o[0].Outcome, o[0].AlreadyApplied));
        });
        Receive<ISiteQuery>(m =>
        {
            if (!catalog.TryGetSite(m.SiteId, out var site))
            {
                Sender.Tell(new Status.Failure(UnknownSite(m.SiteId)));
                return;
            }
            var region = RegionFor(site.RegionId, owning: !_regionTopic || HeldHere(site.RegionId));
            // a site of a region held by another engine is read-only: read afresh from the holder's latest snapshot, not
            // from the copy an earlier query loaded
            if (_durable && _regionTopic && !_owning.Contains(site.RegionId)) region.Tell(new ReleaseSites([site.SiteId]));
            region.Forward(m);
        });
        Receive<PartitionsAssigned>(m =>
        {
            if (m.HearInputsFor is not null) _regionTopic = true;
            var now = _clock.GetUtcNow();
            foreach (var (topic, partition) in m.Partitions)
            {
                var key = SnapshotCodec.PartitionKey(topic, partition);
                _revoked.Remove(key);
                _restored.Unread(key);
                if (m.HearInputsFor is { } hear)
                {
                    // a region-topic partition: its intakes report the inputs; it waits to hear of every source partition
                    var frontier = FrontierOf(key);
                    frontier.HoldUntil(now + hear);
                    foreach (var input in _sourceInputs) frontier.Expect(input, now);
                }
                else FrontierOf(Direct).Assign(key, now);
            }
            DropStale(m.Partitions, assigned: true); // a site left in memory from an earlier ownership of a partition may be stale
        });
        Receive<RegionPassed>(m =>
        {
            _regionPassed[m.RegionId] = m.Through;
            TellNetwork(_toldJourneys, _toldByChannel);
        });
        Receive<JourneysPassed>(m =>
        {
            if (_journeysPassed is null) return;
            foreach (var (channel, through) in m.ByChannel)
                if (!_journeysPassed.TryGetValue(channel, out var before) || through > before) _journeysPassed[channel] = through;
            TellNetwork(_toldJourneys, _toldByChannel);
        });
        Receive<RegionTopicKnown>(m => _channelCount = m.Partitions);
        Receive<SourceInputsKnown>(m =>
        {
            _sourceInputs = m.Inputs;
            var now = _clock.GetUtcNow();
            foreach (var (channel, frontier) in _frontiers)
            {
                if (channel == Direct) continue;
                foreach (var input in m.Inputs) frontier.Expect(input, now);
            }
        });
        // a region's channel, from its sites' snapshots (restored or read for a query): held here, the region gets that
        // channel's frontier even before an event of it comes (its sites' held events are applied when the frontier passes them)
        Receive<RegionChannelSeen>(m =>
        {
            if (!_regionTopic || m.Channel == Direct) return;
            _channelOf[m.RegionId] = m.Channel;
            if (_durable && HeldHere(m.RegionId) && _regions.TryGetValue(m.RegionId, out var region) && _owning.Add(m.RegionId))
                RestoreWhole(m.RegionId, region, []); // only read here so far, but its partition is held here
        });
        Receive<RegionTimesRestored>(m =>
        {
            _restored.Restore(m.Times);
            if (_regionTopic)
            {
                // every input the region's holder read holds this channel back from now on, until it is heard of again
                var now = _clock.GetUtcNow();
                foreach (var t in m.Times) _frontiers.GetValueOrDefault(t.Channel)?.Expect(t.Input, now);
            }
            TellFrontier(null);
        });
        Receive<PartitionsReleased>(m =>
        {
            Release(m);
            _listening?.Tell(m);
            _journeys?.Tell(m);
            if (Sender.IsNobody()) return; // told (a lost partition): nobody waits for the saves to settle
            // the regions had ReleaseSites first (and the listening sources and the journeys dropped their channels): once
            // each answers, nothing of what they dropped is being written
            var settled = _regions.Values.Append(_listening).Append(_journeys).OfType<IActorRef>().Select(r => r.Ask<SitesSettled>(SettleSaves.Instance, SettleTimeout)).ToList();
            Task.WhenAll(settled).PipeTo(Sender, success: () => SitesSettled.Instance, failure: e => new Status.Failure(e));
        });
        Receive<SnapshotNow>(m =>
        {
            foreach (var region in _regions.Values) region.Tell(m);
            _listening?.Tell(m);
            _journeys?.Tell(m);
        });
        Receive<IdleCheck>(_ =>
        {
            TellFrontier(null);
            _progress.ChannelsSeen([.. _frontiers.Select(kv => new ChannelProgress(kv.Key, kv.Value.Released,
                [.. kv.Value.Inputs.Select(i => new InputProgress(i.Key, i.Value.Current, i.Value.CaughtUp, i.Value.LastSeen))]))]);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private void Route(ApplyFeedbackBatch m)
    {
        var now = _clock.GetUtcNow();
        var byRegion = new Dictionary<string, List<RegionItem>>(StringComparer.Ordinal);
        var (caughtUp, observed, reported) = (0, 0, 0);
        // the caught-up markers and the journey messages' times that came before event i, in their batch order
        void Markers(int i)
        {
            while (true)
            {
                var marker = caughtUp < m.CaughtUp.Count && m.CaughtUp[caughtUp].AfterEvents <= i;
                var journey = observed < m.Observed.Count && m.Observed[observed].AfterEvents <= i;
                if (journey && (!marker || m.Observed[observed].AfterCaughtUp <= caughtUp))
                {
                    var o = m.Observed[observed++];
                    FrontierOf(Direct).Observe(o.Input, o.At, now); // the journeys hold it until the frontier passes it, early or not
                }
                else if (marker)
                {
                    var input = m.CaughtUp[caughtUp++].Input;
                    FrontierOf(Direct).CaughtUp(input, now);
                    _restored.ReadToEnd(input);
                }
                else
                {
                    return;
                }
            }
        }
        for (var i = 0; i < m.Events.Count; i++)
        {
            Markers(i);
            for (; reported < m.Reports.Count && m.Reports[reported].AfterEvents <= i; reported++) Report(m.Reports[reported], now);
            var e = m.Events[i];
            if (!_catalog.TryGetSite(e.SiteId, out var site))
            {
                m.Receipt.Fail(UnknownSite(e.SiteId));
                return;
            }
            var arrival = Arrival.Late; // an event from no source partition has no input to be ordered against: applied as it comes
            if (e.Input is not null && e.Position is { } channel) // through the region topic: its input's time is reported by the intake
            {
                var key = SnapshotCodec.PartitionKey(channel.Topic, channel.Partition);
                if (_revoked.Contains(key))
                {
                    // read before its partition was revoked, still on its way: the partition's next holder reads it again
                    // from the committed offset; applied here it would restore the region where it is not held
                    m.Receipt.Record(i, new AppliedOutcome(IntakeOutcome.Duplicate, AlreadyApplied: true));
                    continue;
                }
                _channelOf[site.RegionId] = key;
                _restored.Read(key, channel.Offset);
                arrival = FrontierOf(key).Classify(e.Event.OccurredAt);
            }
            else if (e.Position is { } p)
            {
                var input = SnapshotCodec.PartitionKey(p.Topic, p.Partition);
                _restored.Read(input, p.Offset);
                arrival = FrontierOf(Direct).Observe(input, e.Event.OccurredAt, now);
                if (arrival == Arrival.Early) Early(input, e, now);
            }
            if (!byRegion.TryGetValue(site.RegionId, out var items)) byRegion[site.RegionId] = items = [];
            items.Add(new RegionItem(i, e, arrival));
            Fed(site.SiteId, e.Position);
        }
        Markers(int.MaxValue);
        for (; reported < m.Reports.Count; reported++) Report(m.Reports[reported], now);
        var siteListening = SiteListeningByRegion(m.SiteListening);
        SeedRestored(now);
        foreach (var regionId in byRegion.Keys.Union(siteListening.Keys).ToList())
        {
            var frontier = FrontierFor(regionId, now);
            if (frontier is { } f) _told[regionId] = f;
            RegionFor(regionId, owning: true).Tell(new ApplyRegionFeedback(byRegion.GetValueOrDefault(regionId) ?? [], m.Receipt, frontier)
            {
                SiteListening = siteListening.GetValueOrDefault(regionId) ?? [],
            });
        }
        TellFrontier(byRegion);
    }

    /// <summary>The batch's incidents and mentions of a site by region, but those read before their partition was revoked (its next holder reads them again).</summary>
    private Dictionary<string, List<ApplySiteListening>> SiteListeningByRegion(IReadOnlyList<ApplySiteListening> messages)
    {
        var byRegion = new Dictionary<string, List<ApplySiteListening>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (!_catalog.TryGetSite(message.SiteId, out var site)) continue; // the parser took only messages of known sites
            if (message.Input is not null && message.Position is { } p && _revoked.Contains(SnapshotCodec.PartitionKey(p.Topic, p.Partition))) continue;
            if (!byRegion.TryGetValue(site.RegionId, out var list)) byRegion[site.RegionId] = list = [];
            list.Add(message);
            Fed(site.SiteId, message.Position);
        }
        return byRegion;
    }

    private void Report((int AfterEvents, string Channel, long Offset, IReadOnlyList<InputReport> Reports) reported, DateTimeOffset now)
    {
        if (_revoked.Contains(reported.Channel)) return; // its partition was revoked meanwhile
        _restored.Read(reported.Channel, reported.Offset);
        var frontier = FrontierOf(reported.Channel);
        frontier.Report(reported.Reports, now);
    }

    private EventTimeFrontier FrontierOf(string channel)
    {
        if (!_frontiers.TryGetValue(channel, out var frontier)) _frontiers[channel] = frontier = new EventTimeFrontier(_eventTime);
        return frontier;
    }

    /// <summary>
    /// The frontier of the region's channel (known from its events or its restored sites' snapshots); through the region
    /// topic, none for a region whose channel is not held here (it is only read); else (feedback topics read directly)
    /// the direct one, or the slowest channel's.
    /// </summary>
    private DateTimeOffset? FrontierFor(string regionId, DateTimeOffset now)
    {
        if (_channelOf.TryGetValue(regionId, out var channel)) return _frontiers.TryGetValue(channel, out var own) ? own.Advance(now) : null;
        if (_regionTopic) return null; // not held here (or not known to be yet): a region another engine holds is only read
        if (_frontiers.TryGetValue(Direct, out var direct) && direct.Advance(now) is { } f) return f;
        return Slowest(now);
    }

    /// <summary>The frontier that orders the region's events: its channel's, or the direct one; none for a region only read here.</summary>
    private EventTimeFrontier? ChannelFrontier(string regionId)
    {
        if (_channelOf.TryGetValue(regionId, out var channel)) return _frontiers.GetValueOrDefault(channel);
        return _regionTopic ? null : _frontiers.GetValueOrDefault(Direct);
    }

    /// <summary>
    /// Hands the frontiers what restored snapshots said of the inputs, once each channel is read up to where it was learnt:
    /// through the region topic, to the channel's frontier (an input not heard of since holds back as it did); read
    /// directly, to the inputs assigned here.
    /// </summary>
    private void SeedRestored(DateTimeOffset now)
    {
        foreach (var saved in _restored.TakeReady())
        {
            var frontier = _frontiers.GetValueOrDefault(_regionTopic ? saved.Channel : Direct);
            frontier?.Seed(saved.ToReport(), unknownToo: _regionTopic, now);
        }
    }

    /// <summary>True when the region's events come through a region-topic partition this engine holds.</summary>
    private bool HeldHere(string regionId) => _channelOf.TryGetValue(regionId, out var channel) && _frontiers.ContainsKey(channel);

    /// <summary>
    /// The frontier every channel held here has passed (journeys, listening sources and network groups are released by it):
    /// none while a channel's own is not known yet (just assigned, its inputs not heard of), so nothing is released past
    /// what that channel has still to deliver.
    /// </summary>
    private DateTimeOffset? Slowest(DateTimeOffset now)
    {
        DateTimeOffset? slowest = null;
        var unknown = false;
        foreach (var (channel, frontier) in _frontiers)
        {
            if (_regionTopic && channel == Direct) continue; // through the region topic, the direct frontier only keeps assignments
            if (frontier.Advance(now) is not { } f) unknown = true; // a channel held here whose frontier is not known yet holds every one back
            else if (slowest is null || f < slowest) slowest = f;
        }
        return unknown ? null : slowest;
    }

    /// <summary>Tells the regions not just told (with their events) that their frontier moved, if it did; the journeys the slowest.</summary>
    private void TellFrontier(Dictionary<string, List<RegionItem>>? told)
    {
        var now = _clock.GetUtcNow();
        SeedRestored(now);
        var saved = new Dictionary<IReadOnlyList<InputReport>, List<SavedInputTime>>(ReferenceEqualityComparer.Instance);
        foreach (var (regionId, region) in _regions)
        {
            if (ChannelFrontier(regionId)?.Known is { Count: > 0 } times && _toldTimes.GetValueOrDefault(regionId) != times)
            {
                _toldTimes[regionId] = times; // after the events they cover (told with their batch)
                if (!saved.TryGetValue(times, out var list)) saved[times] = list = _restored.ToSave(_channelOf.GetValueOrDefault(regionId), times);
                region.Tell(new InputTimesAdvanced(list));
            }
            if (FrontierFor(regionId, now) is not { } f || (told is not null && told.ContainsKey(regionId))) continue;
            if (_told.TryGetValue(regionId, out var before) && before == f) continue;
            _told[regionId] = f;
            region.Tell(new FrontierAdvanced(f));
        }
        if (Slowest(now) is not { } s) return;
        var byChannel = _regionTopic ? ChannelFrontiers() : null;
        TellNetwork(s, byChannel);
        if (s == _toldJourneys && SameFrontiers(byChannel, _toldByChannel)) return;
        _toldByChannel = byChannel;
        if (s != _toldJourneys)
        {
            _toldJourneys = s;
            _progress.FrontierMoved(s);
        }
        // the journeys and the listening sources: each partition's state follows its own partition's frontier
        _journeys?.Tell(new FrontierAdvanced(s) { ByChannel = byChannel });
        _listening?.Tell(new FrontierAdvanced(s) { ByChannel = byChannel });
    }

    /// <summary>
    /// Tells the network feed how far each channel held here has passed: its frontier, but no further than any of its
    /// regions has applied (each region tells it after its groups raised before are out); a region that has not told yet
    /// holds its channel back; so do the journeys, when they give indicator readings (<see cref="JourneysPassed"/>). Read
    /// directly, one channel stands for them all.
    /// </summary>
    private void TellNetwork(DateTimeOffset? slowest, Dictionary<string, DateTimeOffset>? byChannel)
    {
        if (_network is null) return;
        if (!_regionTopic)
        {
            if (slowest is { } s) TellPassed(DirectChannel, s, _regions.Keys, 1);
            return;
        }
        if (_channelCount == 0 || byChannel is null) return;
        foreach (var (channel, frontier) in byChannel) TellPassed(channel, frontier, _regions.Keys.Where(r => _channelOf.GetValueOrDefault(r) == channel), _channelCount);
    }

    private void TellPassed(string channel, DateTimeOffset frontier, IEnumerable<string> regions, int channels)
    {
        var through = frontier;
        if (_journeysPassed is not null)
        {
            // the journeys of the channel too: their indicator readings up to then are out (read directly, they tell one time)
            if (!_journeysPassed.TryGetValue(channel == DirectChannel ? Direct : channel, out var journeys)) return;
            if (journeys < through) through = journeys;
        }
        foreach (var region in regions)
        {
            if (!_regionPassed.TryGetValue(region, out var passed)) return;
            if (passed < through) through = passed;
        }
        if (_toldPassed.TryGetValue(channel, out var told) && told >= through) return;
        _toldPassed[channel] = through;
        _network!.Passed(channel, through, channels);
    }

    /// <summary>Each region-topic partition's frontier, those known (after <see cref="Slowest"/> moved them).</summary>
    private Dictionary<string, DateTimeOffset> ChannelFrontiers()
    {
        var known = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (channel, frontier) in _frontiers)
            if (channel != Direct && frontier.Released is { } released) known[channel] = released;
        return known;
    }

    private static bool SameFrontiers(Dictionary<string, DateTimeOffset>? a, Dictionary<string, DateTimeOffset>? b) =>
        a is null ? b is null : b is not null && a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var t) && t == kv.Value);

    private void Release(PartitionsReleased m)
    {
        foreach (var (topic, partition) in m.Partitions)
        {
            var key = SnapshotCodec.PartitionKey(topic, partition);
            FrontierOf(Direct).Revoke(key);
            _restored.Forget(key);
            if (_frontiers.Remove(key) && _regionTopic) _revoked.Add(key); // a region-topic partition: its frontier goes with it (a next assignment starts it again)
            foreach (var (regionId, channel) in _channelOf)
            {
                if (channel != key) continue;
                _owning.Remove(regionId);
                _regionPassed.Remove(regionId); // held here again, it tells anew how far it has applied
                _toldPassed.Remove(key);
            }
            _journeysPassed?.Remove(key);
        }
        DropStale(m.Partitions, assigned: false);
        TellFrontier(null);
    }

    /// <summary>
    /// Partitions moved (revoked, or assigned anew): the sites they fed, and the sites no partition fed here, are dropped;
    /// on an assignment, the regions that may be held here are restored whole.
    /// </summary>
    private void DropStale(IReadOnlyList<(string Topic, int Partition)> partitions, bool assigned)
    {
        if (_durable) // without snapshots a site's state cannot move: keep it
        {
            var released = partitions.ToHashSet();
            foreach (var siteId in _partitionsOf.Where(kv => kv.Value.Overlaps(released)).Select(kv => kv.Key).ToList()) _partitionsOf.Remove(siteId);
            // the sites fed by those partitions, and every site no partition fed here (restored when the region started,
            // or read by a query): another engine may have moved them on since; each is restored again at its next event
            foreach (var (regionId, region) in _regions)
            {
                var stale = _catalog.Sites.Where(s => s.RegionId == regionId && !_partitionsOf.ContainsKey(s.SiteId)).Select(s => s.SiteId).ToList();
                // on an assignment, a region now held here is restored whole at once (not only at its sites' next events)
                if (assigned && _regionTopic && HeldHere(regionId))
                {
                    _owning.Add(regionId);
                    RestoreWhole(regionId, region, stale);
                    continue;
                }
                if (_regionTopic) _owning.Remove(regionId);
                region.Tell(new ReleaseSites(stale));
            }
        }
    }

    /// <summary>
    /// Has the region restored whole (held events included) and tells it its frontier again once it has: the frontier may
    /// not move any more (the end of what there is to read), and the held events it restored must still be applied.
    /// </summary>
    private void RestoreWhole(string regionId, IActorRef region, IReadOnlyCollection<string> stale)
    {
        region.Tell(new ReleaseSites(stale, RestoreAll: true));
        _told.Remove(regionId);
        _toldTimes.Remove(regionId); // the region forgets what it knew, and learns it again from its holder's snapshots and from here
    }

    /// <summary>Counts an event held far ahead of its input's time, and says so in the log at most once a minute per input.</summary>
    private void Early(string input, ApplyFeedback e, DateTimeOffset now)
    {
        _progress.HeldEarly();
        if (!_earlyLog.ShouldLog(input, now)) return;
        _log.Warning(
            "event {0} of {1} on {2} is dated {3:O}, far ahead of that input's time ({4:O}): held until the other events reach it, it does not move event time (a wrong clock or an early message)",
            e.Event.EventId, e.SiteId, input, e.Event.OccurredAt, FrontierOf(Direct).Inputs.GetValueOrDefault(input)?.Current);
    }

    // remembers which partitions fed a site, to hand it over when one of them is revoked
    private void Fed(string siteId, SourcePosition? position)
    {
        if (position is null) return;
        if (!_partitionsOf.TryGetValue(siteId, out var seen)) _partitionsOf[siteId] = seen = [];
        seen.Add((position.Topic, position.Partition));
    }

    /// <summary>
    /// The region's actor. Through the region topic, a region is restored whole (held events included) only where it is
    /// held: created for a query elsewhere, it only reads its sites' snapshots; its first event here (its channel was
    /// assigned here) restores it whole.
    /// </summary>
    private IActorRef RegionFor(string regionId, bool owning)
    {
        if (!_regions.TryGetValue(regionId, out var region))
        {
            _regions[regionId] = region = _newRegion(regionId, owning || !_durable);
            if (owning && _regionTopic) _owning.Add(regionId);
            if (FrontierFor(regionId, _clock.GetUtcNow()) is { } f) region.Tell(new FrontierAdvanced(f));
        }
        else if (owning && _regionTopic && _durable && _owning.Add(regionId))
        {
            RestoreWhole(regionId, region, []); // read-only here until now: its holder's state, whole
        }
        return region;
    }

    private static ArgumentException UnknownSite(string siteId) => new($"site '{siteId}' is not in the site registry");

    public static Props Create(
        ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, EventTimeSettings? eventTime = null, IEngineTelemetry? telemetry = null,
        SiteDurability? durability = null, EventTimeProgress? progress = null, IActorRef? journeys = null, IActorRef? listening = null,
        SocialSettings? social = null, INetworkFeed? network = null, bool journeysGiveReadings = false)
    {
        var time = eventTime ?? new EventTimeSettings();
        var reporter = telemetry ?? NoEngineTelemetry.Instance;
        var where = progress ?? new EventTimeProgress();
        return Props.Create(() => new SitesActor(catalog, settings, alerts, time, reporter, durability, where, journeys, listening, social, network, journeysGiveReadings));
    }

    /// <summary>
    /// The timer's message: checks the inputs that went idle or waited long enough once caught up, and lets event time
    /// through if they no longer hold it back. Sent every tenth of the shortest wait (at least 50 ms apart); a test may send it to check at once.
    /// </summary>
    public sealed record IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }
}
