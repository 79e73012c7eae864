using Akka.Actor;
using Akka.Persistence;
using StreamCx.Engine.Alerts;

namespace StreamCx.Engine.Durability;

/// <summary>A snapshot to send to the store, with the timer that gives up on it when the store does not answer.</summary>
public sealed record PendingSave(SaveSnapshot Save, string TimerKey, object Timeout);

/// <summary>Captured snapshots whose alerts are now handled by the alerts topic: to be sent (told to the actor that captured them).</summary>
public sealed record SavesReady(IReadOnlyList<PendingSave> Saves);

/// <summary>
/// A snapshot is sent to the store only once every alert emission published before its capture is handled by the alerts
/// topic's producer (<see cref="IAlertPublisher.WhenHandled"/>): the state restored after a crash never holds an alert whose
/// emission was lost with the process (it is on the topic, or the state is older and raises it again). While the topic is
/// out of reach, saves wait, and with them the commits they would allow.
/// </summary>
public static class SavesAfterAlerts
{
    /// <summary>Sends the saves at once when their alerts are handled, else tells <paramref name="self"/> <see cref="SavesReady"/> when they are.</summary>
    public static void Send(IAlertPublisher alerts, IActorRef self, IReadOnlyList<PendingSave> saves, Action<PendingSave> send)
    {
        if (saves.Count == 0) return;
        var handled = alerts.WhenHandled(alerts.Published);
        if (handled.IsCompletedSuccessfully)
        {
            foreach (var save in saves) send(save);
            return;
        }
        // cancelled only when the hub is disposed (the engine stops): the saves are dropped, their offsets stay uncommitted
        handled.ContinueWith(t => { if (t.IsCompletedSuccessfully) self.Tell(new SavesReady(saves)); }, TaskScheduler.Default);
    }
}
