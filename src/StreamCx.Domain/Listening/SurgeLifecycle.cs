using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Listening;

/// <summary>
/// The lifecycle of a surge alert on counts: <c>open</c> when a surge appears (a new alert after a resolved one),
/// <c>updated</c> when the reported count grows by half, <c>resolved</c> once nothing is surprising any more.
/// </summary>
public static class SurgeLifecycle
{
    /// <param name="state">The alert so far (null: none yet); replaced by a new one when a surge opens.</param>
    /// <param name="surgeCount">The count of the surge now, or null when there is none.</param>
    /// <param name="over">True when no span is surprising any more (the hysteresis of the resolution).</param>
    /// <returns>The status to emit, or null for nothing.</returns>
    public static AlertStatus? Step(ref SurgeAlertState? state, int? surgeCount, bool over, Func<string> newAlertId, long atTicks)
    {
        if (state is null || state.Resolved)
        {
            if (surgeCount is not { } count) return null;
            state = new SurgeAlertState { AlertId = newAlertId(), OpenedTicks = atTicks, Sequence = 1, LastCount = count };
            return AlertStatus.Open;
        }
        if (surgeCount is { } n && n >= state.LastCount * 1.5)
        {
            state.Sequence++;
            state.LastCount = n;
            return AlertStatus.Updated;
        }
        if (!over) return null;
        state.Sequence++;
        state.Resolved = true;
        return AlertStatus.Resolved;
    }
}
