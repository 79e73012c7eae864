namespace StreamCx.Engine.AlertLog;

/// <summary>
/// One entry of the shared alert log: an alert emission (<see cref="Domain.Live.LiveEventTypes.Alert"/>, data = the
/// alert JSON) or a person's action on an alert (<see cref="Domain.Live.LiveEventTypes.Acknowledged"/>,
/// <see cref="Domain.Live.LiveEventTypes.ResolvedByHand"/>, data = <see cref="LoggedAction"/> JSON). The state store
/// numbers entries in the order they were written; every engine reads them in that order, so an id means the same
/// entry on every engine (it is the SSE event id).
/// </summary>
public sealed record AlertLogEntry(long Id, string Kind, string Data);
