using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything an <see cref="AccountState"/> holds, as plain data (times in UTC ticks): its roles' sums in the order they
/// came (sums over the roles are taken in that order), its churn, and its divergence alert with what its last emission
/// said (<see cref="AlertedAs"/>, kept after a resolution as the account keeps it).
/// </summary>
public sealed record AccountStateSnapshot(
    string AccountId,
    string SiteId,
    long FirstTicks,
    long LastTicks,
    string? ChurnEventId,
    IReadOnlyList<AccountState.RoleSums> Roles,
    string? AlertId,
    int AlertSequence,
    DivergenceSaid AlertedAs);

/// <summary>What a divergence alert's last emission said: the best and the worst role, their gap, a churn (roles null before the first).</summary>
public sealed record DivergenceSaid(string? High, string? Low, double Gap, bool Churn);
