using System.Data.Common;
using StreamCx.Domain.Live;
using StreamCx.Engine.AlertLog;
using StreamCx.Engine.Live;
using StreamCx.Host.AlertLog;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// A person's action on an alert (acknowledge, resolve by hand), made durable and shared: written to the alert log in
/// the state store, then answered once this engine's feed has taken it in (so the answer is what every engine shows).
/// Two people resolving one alert at once on two engines: the first in the log closes it, the second is told it is
/// already closed.
/// </summary>
public sealed class AlertActions(SqlAlertLog log, AlertLogFollower follower, LiveFeed feed)
{
    /// <returns>The outcome, or null when the state store could not be written.</returns>
    public async Task<StoreResult?> ActAsync(string kind, string alertId, AlertAction action, CancellationToken ct)
    {
        var known = feed.Store.Get(alertId, withHistory: false);
        if (known is null) return new StoreResult(StoreOutcome.NotFound, null);
        if (kind == LiveEventTypes.ResolvedByHand && !known.Open) return new StoreResult(StoreOutcome.AlreadyClosed, known);
        long? id;
        try
        {
            id = await log.AppendAsync(kind, $"{kind}#{Guid.NewGuid():N}", LoggedAction.Of(alertId, action).ToJson(), ct).ConfigureAwait(false);
        }
        catch (DbException)
        {
            return null;
        }
        await follower.WaitForAsync(id!.Value, ct).ConfigureAwait(false);
        var record = feed.Store.Get(alertId, withHistory: false)!;
        var mine = kind == LiveEventTypes.Acknowledged ? record.Acknowledgement : record.ResolvedByHand;
        return new StoreResult(mine == action ? StoreOutcome.Done : StoreOutcome.AlreadyClosed, record);
    }
}
