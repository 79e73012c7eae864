using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Snapshots;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Regions;

/// <summary>
/// The durable side of a region: sites restored from their snapshots before their first event (the region waits,
/// stashing what comes meanwhile, so the restored state is in place before anything later is applied), sites read
/// for a query only (kept apart: they never join the board), and the snapshots of the region's changed sites, taken
/// together, each with its share of the region's current view.
/// </summary>
public sealed partial class RegionActor
{
    private readonly Queue<(string SiteId, bool ForView)> _loads = new();
    private readonly FeedbackProcessor _viewer;
    private readonly HashSet<string> _viewed = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Input, string Channel), SavedInputTime> _inputTimes = []; // saved with the sites
    private readonly HashSet<string> _looked = new(StringComparer.Ordinal); // sites whose snapshot was read (or found absent) for this region
    private Dictionary<string, ViewShare?>? _restoringView = new(StringComparer.Ordinal); // until the region's first restore is done
    private bool _snapshotDue;
    private int _acceptedSinceCut;

    protected override bool TryGetBook(string key, out SiteBook book) => _sites.TryGetValue(key, out book!);

    protected override string LedgerKeyOf(string key) => key;

    private void ReceiveDurability()
    {
        Receive<SnapshotNow>(_ => Cut());
        Receive<InputTimesAdvanced>(m => KnowTimes(m.Times));
        Receive<SnapshotTick>(_ =>
        {
            if (_sites.Values.Any(b => b.Offsets.IsDirty)) Cut();
        });
        ReceiveSaveReplies();
    }

    private void Loading()
    {
        Receive<LoadSnapshotResult>(m => Loaded(m.Snapshot, null));
        Receive<LoadSnapshotFailed>(m => Loaded(null, m.Cause));
        ReceiveSaveReplies();
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>Starts restoring the sites not held yet; true when the caller must stash its message until they are.</summary>
    private bool StartLoading(IEnumerable<string> siteIds)
    {
        if (_durability is null) return false;
        var queued = false;
        foreach (var siteId in siteIds)
        {
            if (_sites.ContainsKey(siteId) || _looked.Contains(siteId) || _loads.Contains((siteId, false))) continue;
            _loads.Enqueue((siteId, false));
            queued = true;
        }
        if (queued) BeginLoading();
        return queued;
    }

    /// <summary>
    /// The region becomes held here (its partition was assigned, or its first event came): every site is dropped and
    /// restored whole from its latest snapshot, held events and the region's view included, as on a fresh start.
    /// </summary>
    private void RestoreWhole()
    {
        foreach (var siteId in _sites.Keys.ToList()) Drop(siteId);
        _processor.ForgetRegion(_regionId); // its board, views and grouping as this engine last knew them, not as its holder saved them
        _inputTimes.Clear(); // what its holder's snapshots say, not what this engine knew when it held the region before
        _frontier = null; // so is how far event time had come: what it released after its last snapshot is read again and released anew, in event order
        _restoringView = new(StringComparer.Ordinal);
        StartLoading(_catalog.Sites.Where(s => s.RegionId == _regionId).Select(s => s.SiteId));
    }

    /// <summary>Reads a site this engine does not own for a query: its snapshot, apart from the region's own sites.</summary>
    private void View(string siteId)
    {
        Stash.Stash();
        _loads.Enqueue((siteId, true));
        BeginLoading();
    }

    private void BeginLoading()
    {
        Become(Loading);
        LoadNext();
    }

    private void LoadNext()
    {
        if (_loads.TryPeek(out var next))
        {
            _durability!.SnapshotStore.Tell(new LoadSnapshot(PersistenceId(next.SiteId), SnapshotSelectionCriteria.Latest, long.MaxValue));
            return;
        }
        if (_restoringView is { Count: > 0 } shares) // a load for a query only adds no share: the region's own restore is still to come
        {
            _processor.RestoreView(_regionId, shares);
            _restoringView = null;
        }
        Become(Running);
        Stash.UnstashAll();
    }

    private void Loaded(SelectedSnapshot? selected, Exception? failure)
    {
        var (siteId, forView) = _loads.Dequeue();
        if (forView) _viewed.Add(siteId);
        else
        {
            _viewer.Forget(siteId);
            _viewed.Remove(siteId);
            _looked.Add(siteId);
            if (selected is not null) BookOf(siteId); // a site with no snapshot is taken in at its first event
        }
        if (failure is not null)
        {
            _durability!.Counters.CountUnreadable();
            _log.Error(failure, "snapshot of {0} could not be loaded ({1}); the site starts empty and rebuilds from what Kafka delivers", PersistenceId(siteId), failure.Message);
        }
        else if (selected is not null)
        {
            Restore(siteId, forView, selected);
        }
        LoadNext();
    }

    private void Restore(string siteId, bool forView, SelectedSnapshot selected)
    {
        try
        {
            var snapshot = SnapshotCodec.Decode(selected.Snapshot, PersistenceId(siteId));
            (forView ? _viewer : _processor).Restore(siteId, snapshot.Intake, snapshot.Attributes);
            foreach (var channel in snapshot.AppliedOffsets.Keys) Context.Parent.Tell(new RegionChannelSeen(_regionId, channel));
            if (forView) return;
            if (snapshot.InputTimes is { Count: > 0 } times)
            {
                KnowTimes(times);
                Context.Parent.Tell(new RegionTimesRestored(_regionId, times));
            }
            if (snapshot.Grouping is { } grouping) _processor.RestoreGrouping(siteId, grouping); // the newest copy among the region's sites wins
            var book = _sites[siteId];
            _restoringView?.Add(siteId, snapshot.View);
            book.Offsets.Restore(snapshot.AppliedOffsets);
            book.Sources.Restore(snapshot.SourceOffsets ?? new Dictionary<string, long>());
            book.Sequence = selected.Metadata.SequenceNr;
            foreach (var e in snapshot.Held ?? [])
            {
                if (!book.HeldIds.Add(e.EventId)) continue;
                _held.Hold(e);
                _progress.HeldChanged(1);
            }
            ReportMonitors();
        }
        catch (SnapshotFormatException e)
        {
            _durability!.Counters.CountUnreadable();
            _log.Error("{0}; the site starts empty and rebuilds from what Kafka delivers", e.Message);
        }
    }

    /// <summary>Takes in how far inputs have come (told by the router, or restored): each input's latest time per channel.</summary>
    private void KnowTimes(IReadOnlyList<SavedInputTime> times)
    {
        foreach (var t in times)
        {
            if (!_inputTimes.TryGetValue((t.Input, t.Channel), out var known) || t.Time >= known.Time) _inputTimes[(t.Input, t.Channel)] = t;
        }
    }

    private void ForgetViewed()
    {
        foreach (var siteId in _viewed) _viewer.Forget(siteId);
        _viewed.Clear();
    }

    private void CountTowardsSnapshot()
    {
        if (_durability is not null && ++_acceptedSinceCut >= _durability.Settings.EveryEvents) _snapshotDue = true;
    }

    /// <summary>
    /// Snapshots every site of the region with unsaved changes, all in the state of this one instant (while a changed
    /// site's previous save is still in flight, the cut waits for it).
    /// </summary>
    private void Cut()
    {
        _snapshotDue = false;
        _acceptedSinceCut = 0;
        if (_durability is null) return;
        if (_sites.Values.Any(b => b.Saving is not null && b.Offsets.IsDirty))
        {
            // a changed site whose previous save is still in flight: the whole cut waits for it, so that every saved site
            // of the region is of the same instant (a site left out would be restored older than its region's view says)
            _snapshotDue = true;
            return;
        }
        Dictionary<string, List<FeedbackEvent>>? heldBySite = null;
        List<SavedInputTime>? inputTimes = null;
        var saves = new List<PendingSave>();
        foreach (var (siteId, book) in _sites)
        {
            if (!book.Offsets.IsDirty) continue;
            heldBySite ??= _held.InArrivalOrder.GroupBy(e => e.SiteId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var (intake, attributes) = _processor.Capture(siteId);
            var offsets = book.Offsets.Capture();
            var bytes = SnapshotCodec.Encode(new SiteSnapshot(SiteSnapshot.CurrentVersion, siteId, intake, attributes, offsets)
            {
                Held = heldBySite.GetValueOrDefault(siteId),
                View = _processor.ViewShareOf(siteId),
                Grouping = _processor.GroupingOf(siteId),
                InputTimes = inputTimes ??= [.. _inputTimes.Values],
                SourceOffsets = book.Sources.Capture(),
            });
            saves.Add(SaveOf(siteId, book, offsets, bytes, _alerts.Clock.GetUtcNow()));
        }
        SendAfterAlerts(_alerts, saves);
    }

    protected override void AfterSaved(SaveInFlight saving)
    {
        _telemetry.SnapshotSaved(saving.Elapsed);
        if (_snapshotDue && _sites.Values.All(b => b.Saving is null)) Cut(); // a cut that waited for this save
    }

    protected override void AfterSaveFailed(SaveInFlight saving, Exception error) => _telemetry.SnapshotFailed(saving.Elapsed, error);

    private sealed record SnapshotTick
    {
        public static readonly SnapshotTick Instance = new();
    }
}
