using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything an <see cref="AccountBook"/> holds, as plain data: every account held (by account id, in ordinal order) and when each next needs a look (in the order they come up).</summary>
public sealed record AccountBookSnapshot(IReadOnlyList<AccountStateSnapshot> Accounts, IReadOnlyList<DueEntry> Due);
