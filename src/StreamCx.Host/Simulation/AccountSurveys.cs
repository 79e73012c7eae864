using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// Relationship surveys of B2B accounts (scope <c>journey</c>, by <c>contactRole</c>), each account at a site of the
/// catalog, its contacts asked in turn: users, purchasing, management, legal. Every role of a healthy account is
/// satisfied (NPS 7..10), so its roles never diverge; in <see cref="DivergingAccount"/> the users are (8..10) and
/// purchasing is not (1..4): "users satisfied, purchasing not", from its fourth survey on.
/// </summary>
public sealed class AccountSurveys : ScriptedSource
{
    private static readonly string[] Accounts = ["acc-transports-dumas", "acc-brasserie-du-port", "acc-clinique-saint-roch", "acc-hotel-les-pins", "acc-ecole-jules-ferry"];
    private static readonly string[] Roles = ["user", "purchasing", "user", "purchasing", "management", "user", "legal"];
    private readonly int _seed;
    private readonly Site[] _sites;

    public AccountSurveys(ReferenceCatalog catalog, int seed, double perHour, DateTimeOffset from)
        : base(unchecked((seed * 31) + 2), perHour, from)
    {
        _seed = seed;
        _sites = [.. Accounts.Select(_ => Rnd.Choose(catalog.Sites))];
    }

    public static string DivergingAccount => Accounts[0];

    /// <summary>The accounts in turn; each account's contacts in turn.</summary>
    protected override IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start)
    {
        var account = (int)(index % Accounts.Length);
        var role = Roles[index / Accounts.Length % Roles.Length];
        var (min, max) = account != 0 ? (7, 10) : role switch { "user" => (8, 10), "purchasing" => (1, 4), _ => (6, 9) };
        var nps = Rnd.Next(min, max + 1);
        var comment = Rnd.NextDouble() < 0.4
            ? Rnd.Say(JourneyVerbatims.For(nps, role == "purchasing" ? JourneyVerbatims.PurchasingComplaints : null, role == "user" ? JourneyVerbatims.TeamPraise : null))
            : ((string Text, string Language)?)null;
        var eventId = $"sim-{_seed}-a{index}";
        return [new SimulatedMessage(start, eventId, _sites[account].SiteId, SimulatedJson.Bytes(new()
        {
            ["eventId"] = eventId,
            ["occurredAt"] = SimulatedJson.Timestamp(start),
            ["siteId"] = _sites[account].SiteId,
            ["channel"] = "email",
            ["touchpoint"] = "relationship",
            ["accountId"] = Accounts[account],
            ["contactRole"] = role,
            ["scope"] = "journey",
            ["nps"] = nps,
            ["comment"] = comment?.Text,
            ["language"] = comment?.Language,
        }))];
    }
}
