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

    private static int Low(double score) => score <= JourneyAlertComposer.DissatisfiedAtOrBelow ? 1 : 0;

    public readonly record struct RoleSums(string Role, double Sum, int Count, int Dissatisfied)
    {
        public double Mean => Sum / Count;
    }
}
