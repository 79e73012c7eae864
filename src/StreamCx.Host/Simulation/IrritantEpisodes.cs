using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// What the listening sources know of the channel simulator's two irritants, scripted around the irritant's start
/// (<c>T0</c>): at the waiting-time irritant's site, absenteeism and a checkout breakdown about T0, six negative reports of
/// its checkout staff on waiting time over the next three hours, and from <see cref="BurstAfter"/> a burst of
/// <see cref="BurstSize"/> negative posts about the queue, about three minutes apart; at the availability irritant's
/// site, a run of <see cref="StockOutRun"/> stock-outs from 2 h 50 before T0 (an early warning on product availability)
/// and an incomplete delivery. Deterministic for a seed.
/// </summary>
internal static class IrritantEpisodes
{
    public static readonly TimeSpan BurstAfter = TimeSpan.FromMinutes(135);
    public const int BurstSize = 14;

    /// <summary>Stock-outs at the availability irritant's site, half an hour apart from 2 h 50 before T0.</summary>
    public const int StockOutRun = 6;
    private static readonly string[] CheckoutRoles = ["cashier", "store-manager", "sales"];

    public static IReadOnlyList<SimulatedMessage> Script(ReferenceCatalog catalog, int seed, Site waiting, Site availability, DateTimeOffset t0)
    {
        var rnd = new Random(unchecked((seed * 31) + 9));
        var messages = new List<SimulatedMessage>();
        string Id() => $"sim-{seed}-e{messages.Count + 1}";
        DateTimeOffset About(double minutes) => t0.AddMinutes(minutes + rnd.Normal(5));

        messages.Add(IncidentMagnitudes.Message(Id(), About(-20), waiting, "absenteeism", 2));
        messages.Add(IncidentMagnitudes.Message(Id(), About(25), waiting, "breakdown", 45));
        messages.Add(IncidentMagnitudes.Message(Id(), About(70), waiting, "absenteeism", 1));
        for (var k = 0; k < StockOutRun; k++) // a run of stock-outs: the early warning (incidents factor) before the surveys
            messages.Add(IncidentMagnitudes.Message(Id(), About(-170 + (30 * k)), availability, "stock-out", 8 + (4 * k)));
        messages.Add(IncidentMagnitudes.Message(Id(), About(-40), availability, "incomplete-delivery", 8));

        string[] roles = [.. CheckoutRoles.Intersect(StaffReports.Roles(catalog)).DefaultIfEmpty(StaffReports.Roles(catalog)[0])];
        var rated = catalog.TryGetAttribute("waiting-time", out _); // else a free topic: an unknown attribute would be refused
        for (var k = 0; k < ListeningTexts.StaffOnWaiting.Length; k++)
            messages.Add(ListeningMessages.StaffReport(Id(), About(30 + (26 * k)), waiting, roles[k % roles.Length], "waiting-time", isTopic: !rated,
                -0.5 - (0.4 * rnd.NextDouble()), ListeningTexts.StaffOnWaiting[k]));

        var platforms = SocialMentions.Platforms(catalog);
        for (var k = 0; k < BurstSize; k++)
            messages.Add(ListeningMessages.Mention(Id(), t0 + BurstAfter + TimeSpan.FromMinutes((3 * k) + rnd.NextDouble()), waiting, rnd.Choose(platforms),
                -0.6 - (0.4 * rnd.NextDouble()), SocialMentions.Reach(rnd) * 4, SocialMentions.Say(rnd.Choose(ListeningTexts.SocialOnWaiting), waiting)));
        return messages;
    }
}
