using System.Text.Json.Serialization;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys;

/// <summary>A B2B account: its contacts' surveys by role (sums on 0..10), where it was last seen, and its divergence alert.</summary>
public sealed class AccountState(string accountId)
{
    public string AccountId { get; } = accountId;
    public string SiteId { get; internal set; } = "";
    public long FirstTicks { get; internal set; } = long.MaxValue;
    public long LastTicks { get; internal set; }
    public string? ChurnEventId { get; internal set; }
    public RoleSums[] Roles { get; private set; } = [];

    public string? AlertId { get; internal set; }
    public int AlertSequence { get; internal set; }
    public (string High, string Low, double Gap, bool Churn) AlertedAs { get; internal set; }

    public void Add(string role, double score)
    {
        for (var i = 0; i < Roles.Length; i++)
        {
            if (!string.Equals(Roles[i].Role, role, StringComparison.Ordinal)) continue;
            Roles[i] = Roles[i] with { Sum = Roles[i].Sum + score, Count = Roles[i].Count + 1, Dissatisfied = Roles[i].Dissatisfied + Low(score) };
            return;
        }
        Roles = [.. Roles, new RoleSums(role, score, 1, Low(score))];
    }

    /// <summary>The account as plain data.</summary>
    public AccountStateSnapshot ToSnapshot() => new(
        AccountId, SiteId, FirstTicks, LastTicks, ChurnEventId, [.. Roles], AlertId, AlertSequence,
        new DivergenceSaid(AlertedAs.High, AlertedAs.Low, AlertedAs.Gap, AlertedAs.Churn));

    /// <summary>The account <see cref="ToSnapshot"/> took, its site and roles shared through <paramref name="labels"/> as the parser shares them.</summary>
    internal static AccountState FromSnapshot(AccountStateSnapshot s, BoundedStringPool labels) => new(s.AccountId)
    {
        SiteId = labels.Get(s.SiteId), FirstTicks = s.FirstTicks, LastTicks = s.LastTicks, ChurnEventId = s.ChurnEventId,
        Roles = [.. s.Roles.Select(r => r with { Role = labels.Get(r.Role) })],
        AlertId = s.AlertId, AlertSequence = s.AlertSequence, AlertedAs = (s.AlertedAs.High!, s.AlertedAs.Low!, s.AlertedAs.Gap, s.AlertedAs.Churn),
    };

    private static int Low(double score) => score <= JourneyAlertComposer.DissatisfiedAtOrBelow ? 1 : 0;

    public readonly record struct RoleSums(string Role, double Sum, int Count, int Dissatisfied)
    {
        /// <summary>The role's mean score (derived: left out of snapshots).</summary>
        [JsonIgnore]
        public double Mean => Sum / Count;
    }
}
