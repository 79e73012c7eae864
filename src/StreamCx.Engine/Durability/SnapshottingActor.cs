using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Durability;

/// <summary>
/// An actor that snapshots its state by key (a region's sites, the listening sources' region-topic partitions), one
/// persistence id per key (<c>prefix + key</c>): it sends the saves once the alerts published before them are handled
/// (<see cref="SavesAfterAlerts"/>), gives a save up when the store does not answer within 15 s, lets the offset ledger
/// commit what a saved snapshot covers, deletes the older snapshots, and answers a release (<see cref="SettleSaves"/>) once
/// no save of a dropped key is in flight (<see cref="DroppedSaves"/>). The key's <see cref="SiteBook"/> says what is
/// saving; the subclass says which books it holds and what to do after a save.
/// </summary>
public abstract class SnapshottingActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan SaveDeadline = TimeSpan.FromSeconds(15);

    private readonly string _prefix;
    private readonly SiteDurability? _durability;
    private readonly DroppedSaves _droppedSaves = new();
    private readonly ILoggingAdapter _saveLog = Context.GetLogger();

    protected SnapshottingActor(string prefix, SiteDurability? durability) => (_prefix, _durability) = (prefix, durability);

    public ITimerScheduler Timers { get; set; } = null!;

    protected string PersistenceId(string key) => _prefix + key;

    /// <summary>The book of a key held here, if any.</summary>
    protected abstract bool TryGetBook(string key, out SiteBook book);

    /// <summary>Under which name the ledger learns the offsets a saved snapshot of <paramref name="key"/> covers.</summary>
    protected abstract string LedgerKeyOf(string key);

    /// <summary>After a key's save was confirmed (its book already free for the next one).</summary>
    protected virtual void AfterSaved(SaveInFlight saving)
    {
    }

    /// <summary>After a key's save failed or timed out (its offsets stay uncommitted until a later save succeeds).</summary>
    protected virtual void AfterSaveFailed(SaveInFlight saving, Exception error)
    {
    }

    /// <summary>After a key's save failed or timed out, by key (a changelog's next save is then whole).</summary>
    protected virtual void AfterSaveFailed(string key)
    {
    }

    /// <summary>Once a save is confirmed, the key's snapshots older than this sequence are deleted (by default, every older one).</summary>
    protected virtual long KeepFrom(string key, SaveInFlight saving) => saving.Sequence;

    /// <summary>The store's answers to saves and deletions, and releases waiting for dropped keys' saves.</summary>
    protected void ReceiveSaveReplies()
    {
        Receive<SettleSaves>(_ => _droppedSaves.Settle(Sender));
        Receive<SavesReady>(m =>
        {
            foreach (var save in m.Saves) SendSave(save);
        });
        Receive<SaveSnapshotSuccess>(OnSaved);
        Receive<SaveSnapshotFailure>(m => OnFailed(m.Metadata.PersistenceId, m.Metadata.SequenceNr, m.Cause));
        Receive<SaveTimeout>(m => OnFailed(m.PersistenceId, m.Sequence, new TimeoutException($"no answer from the snapshot store within {SaveDeadline.TotalSeconds:0} s")));
        Receive<DeleteSnapshotsSuccess>(_ => { });
        Receive<DeleteSnapshotsFailure>(m => _saveLog.Warning("old snapshots of {0} could not be deleted: {1}", m.Criteria, m.Cause.Message));
    }

    /// <summary>Marks <paramref name="key"/>'s book as saving the next sequence, covering <paramref name="offsets"/>; the save to send.</summary>
    protected PendingSave SaveOf(string key, SiteBook book, IReadOnlyDictionary<string, long> offsets, byte[] bytes, DateTimeOffset now)
    {
        book.Saving = new SaveInFlight(++book.Sequence, offsets, bytes.Length);
        return new PendingSave(
            new SaveSnapshot(new SnapshotMetadata(PersistenceId(key), book.Sequence, now.UtcDateTime), bytes),
            TimerKey(key), new SaveTimeout(PersistenceId(key), book.Sequence));
    }

    /// <summary>Sends the saves once every alert published before them is handled by the alerts' sink.</summary>
    protected void SendAfterAlerts(IAlertPublisher alerts, IReadOnlyList<PendingSave> saves) => SavesAfterAlerts.Send(alerts, Self, saves, SendSave);

    /// <summary>A key no longer held here: a save of it still in flight holds back the answer to the next release.</summary>
    protected void Dropped(string key, SiteBook book)
    {
        if (book.Saving is not null) _droppedSaves.Dropped(PersistenceId(key));
    }

    private string TimerKey(string key) => $"save-{key}";

    private void SendSave(PendingSave save)
    {
        _durability!.SnapshotStore.Tell(save.Save);
        Timers.StartSingleTimer(save.TimerKey, save.Timeout, SaveDeadline);
    }

    private void OnSaved(SaveSnapshotSuccess m)
    {
        _droppedSaves.Answered(m.Metadata.PersistenceId);
        var key = m.Metadata.PersistenceId[_prefix.Length..];
        if (!TryGetBook(key, out var book) || book.Saving is not { } saving || saving.Sequence != m.Metadata.SequenceNr) return;
        book.Saving = null;
        Timers.Cancel(TimerKey(key));
        _durability!.Counters.CountSaved(saving.Size);
        foreach (var (covered, next) in book.Offsets.AfterCapture(saving.Offsets)) _durability.Ledger.Durable(LedgerKeyOf(key), covered, next);
        if (KeepFrom(key, saving) - 1 is var older and > 0) _durability.SnapshotStore.Tell(new DeleteSnapshots(m.Metadata.PersistenceId, new SnapshotSelectionCriteria(older)));
        AfterSaved(saving);
    }

    private void OnFailed(string persistenceId, long sequence, Exception error)
    {
        _droppedSaves.Answered(persistenceId);
        var key = persistenceId[_prefix.Length..];
        if (!TryGetBook(key, out var book) || book.Saving is not { } saving || saving.Sequence != sequence) return;
        book.Saving = null;
        Timers.Cancel(TimerKey(key));
        book.Offsets.CaptureFailed();
        _durability!.Counters.CountFailed();
        AfterSaveFailed(saving, error);
        AfterSaveFailed(key);
        _saveLog.Warning("snapshot of {0} failed ({1}); offsets stay uncommitted until a later snapshot succeeds", persistenceId, error.Message);
    }
}
