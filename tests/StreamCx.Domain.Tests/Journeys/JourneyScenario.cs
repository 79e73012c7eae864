using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>
/// Forty days of journeys and B2B accounts over the five sites of the test catalog, as the engine meets them (seeded),
/// under short bounds (<see cref="Settings"/>: open too long after 6 days, dropped 12 days after the last event, 6 marks
/// kept). Told stories: <see cref="Watermelon"/> opens a watermelon alert, updates it five times (rules, journey score,
/// too long by its deadline, closed unresolved, its customer's churn) and is dropped; <see cref="Saved"/> is closed
/// resolved; <see cref="Soured"/> stops being a watermelon and is abandoned; <see cref="B2bJourney"/> is linked to its
/// account's churn; the roles of <see cref="Diverging"/> diverge (open, updated by the gap and its churn, resolved, open
/// again on an unknown role, dropped). Around them: 240 journeys of one to six steps and surveys across sites (some of
/// accounts, with contact roles), journey surveys, closures of every outcome or none, customer churns, account surveys,
/// feedback with neither journey nor account, unknown departments and roles. Each message arrives minutes after it
/// happened, some hours late, some again hours later, a few again days later; the frontier of event time follows
/// arrivals <see cref="FrontierLag"/> behind, every 15 minutes.
/// </summary>
internal static class JourneyScenario
{
    public const int Days = 40;
    public static readonly TimeSpan FrontierLag = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan FrontierEvery = TimeSpan.FromMinutes(15);

    public static JourneySettings Settings { get; } = new()
    {
        MaxOpenDuration = TimeSpan.FromDays(6), Retention = TimeSpan.FromDays(12), MaxTimelineSteps = 6,
    };

    public const string Watermelon = "jrn-watermelon";
    public const string Saved = "jrn-saved";
    public const string Soured = "jrn-soured";
    public const string B2bJourney = "jrn-b2b";
    public const string B2bAccount = "acc-b2b";
    public const string Diverging = "acc-diverging";

    /// <summary>The first event of <see cref="Watermelon"/>: it is open too long 6 days later, dropped 12 days after its customer's churn.</summary>
    public static readonly DateTimeOffset WatermelonOpened = Start.AddDays(1);

    public static DateTimeOffset WatermelonTooLong => WatermelonOpened + Settings.MaxOpenDuration + TimeSpan.FromTicks(1);

    public static DateTimeOffset WatermelonDropped => WatermelonOpened.AddDays(8) + Settings.Retention;

    /// <summary>The story message resent hours later, and the one that reopens <see cref="Diverging"/>'s alert.</summary>
    public const string ResentStoryId = "w-2";
    public const string ChurnOfDiverging = "churn-div";
    public const string ReopensDiverging = "a-13";

    public static JourneyProcessor Processor(bool followsFrontier) => JourneyEvents.Processor(Settings, followsFrontier);

    /// <summary>Every step, in arrival order, up to the end of the last day (some messages held); the frontier's only when it is followed.</summary>
    public static IReadOnlyList<JourneyArrival> Steps(bool followsFrontier, int seed = 14)
    {
        var rnd = new Random(seed);
        var arrivals = new List<JourneyArrival>();
        foreach (var m in Stories()) Deliver(rnd, arrivals, m, mayBeLate: false, resent: m.EventId == ResentStoryId ? 1 : 0);
        foreach (var m in Background(rnd)) Deliver(rnd, arrivals, m, mayBeLate: true, resent: 0.04);

        var steps = new List<JourneyArrival>();
        var nextMove = Start + FrontierLag;
        // stable: a resend stays after its original; the stream stops at the end of the last day
        foreach (var step in arrivals.Where(s => s.At < Start.AddDays(Days)).OrderBy(s => s.At))
        {
            for (; step.At >= nextMove; nextMove += FrontierEvery)
                if (followsFrontier) steps.Add(new FrontierReached(nextMove, nextMove - FrontierLag));
            steps.Add(step);
        }
        return steps;
    }

    /// <summary>Every journey and account id the steps name.</summary>
    public static (IReadOnlyList<string> Journeys, IReadOnlyList<string> Accounts) Ids(IReadOnlyList<JourneyArrival> steps)
    {
        var messages = steps.OfType<MessageArrived>().Select(m => m.Message).ToList();
        var journeys = messages.Select(m => m.Feedback?.JourneyId ?? (m.Signal as JourneyStep)?.JourneyId ?? (m.Signal as JourneyClosed)?.JourneyId);
        var accounts = messages.Select(m => m.Feedback?.AccountId ?? m.Signal?.AccountId);
        return (Distinct(journeys), Distinct(accounts));

        static string[] Distinct(IEnumerable<string?> ids) => [.. ids.OfType<string>().Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Takes a message minutes after it happened (when <paramref name="mayBeLate"/>, 3 %: hours late); <paramref name="resent"/>
    /// of them come again hours later, and 1 % of the others again days later.
    /// </summary>
    private static void Deliver(Random rnd, List<JourneyArrival> arrivals, JourneyInput m, bool mayBeLate, double resent)
    {
        var late = mayBeLate && rnd.NextDouble() < 0.03;
        var at = m.OccurredAt + (late ? TimeSpan.FromMinutes(120 + rnd.Next(360)) : TimeSpan.FromSeconds(rnd.Next(12 * 60)));
        arrivals.Add(new MessageArrived(at, m, late ? MessageDelivery.Late : MessageDelivery.OnTime));
        var again = rnd.NextDouble();
        if (again < resent) arrivals.Add(new MessageArrived(at + TimeSpan.FromMinutes(60 + rnd.Next(20 * 60)), m, MessageDelivery.Resent));
        else if (mayBeLate && again < resent + 0.01) arrivals.Add(new MessageArrived(at + TimeSpan.FromDays(3 + rnd.NextDouble()), m, MessageDelivery.ResentForgotten));
    }

    private static IEnumerable<JourneyInput> Stories()
    {
        var w = WatermelonOpened;
        yield return In(Step("w-1", Watermelon, w, "support", "no-network"), "cus-w", TestCatalog.LilleCentre);
        yield return In(Contact(ResentStoryId, Watermelon, w.AddMinutes(30), "support", 5, "cus-w"));
        yield return In(Step("w-3", Watermelon, w.AddDays(1).AddHours(5), "field-service", "no-network"), "cus-w", TestCatalog.Roubaix);
        yield return In(Contact("w-4", Watermelon, w.AddDays(1).AddHours(7), "field-service", 5, "cus-w") with { SiteId = TestCatalog.Roubaix }); // 4 contacts: open
        yield return In(Step("w-5", Watermelon, w.AddDays(2).AddHours(2), "central-support", "no-network"), "cus-w", TestCatalog.Roubaix); // 3 departments, the reason 3 times
        yield return In(JourneySurvey("w-6", Watermelon, w.AddDays(3), nps: 3, "cus-w"));
        yield return In(Closed("w-7", Watermelon, w.AddDays(7), JourneyOutcome.Unresolved)); // after its too-long deadline
        yield return In(CustomerChurn("churn-w", w.AddDays(8), "cus-w") with { Reason = "competitor" });

        var s = Start.AddDays(3);
        yield return In(Contact("s-1", Saved, s, "support", 5, "cus-s") with { SiteId = TestCatalog.LilleEuralille });
        yield return In(Step("s-2", Saved, s.AddHours(1), "sales", "invoice"), "cus-s", TestCatalog.LilleEuralille);
        yield return In(Step("s-3", Saved, s.AddHours(3), "support", "invoice"), "cus-s", TestCatalog.LilleEuralille);
        yield return In(Step("s-4", Saved, s.AddHours(5), "field-service", "invoice"), "cus-s", TestCatalog.ParisBercy); // open
        yield return In(Closed("s-5", Saved, s.AddDays(2), JourneyOutcome.Resolved));

        var o = Start.AddDays(10);
        yield return In(Contact("o-1", Soured, o, "support", 5, "cus-o") with { SiteId = TestCatalog.ParisBercy });
        yield return In(Contact("o-2", Soured, o.AddHours(2), "sales", 5, "cus-o") with { SiteId = TestCatalog.ParisBercy });
        yield return In(Contact("o-3", Soured, o.AddHours(4), "field-service", 5, "cus-o") with { SiteId = TestCatalog.ParisOpera }); // open
        yield return In(Contact("o-4", Soured, o.AddDays(1), "field-service", 1, "cus-o")); // rated 7.5 on average: updated
        yield return In(Contact("o-5", Soured, o.AddDays(2), "support", 1, "cus-o")); // 6: no longer a watermelon
        yield return In(Closed("o-6", Soured, o.AddDays(3), JourneyOutcome.Abandoned));

        var b = Start.AddDays(14);
        yield return In(Contact("b-1", B2bJourney, b, "support", 5, null) with { SiteId = TestCatalog.Roubaix, AccountId = B2bAccount, ContactRole = "user" });
        yield return In(Step("b-2", B2bJourney, b.AddHours(1), "field-service", "delivery") with { AccountId = B2bAccount }, null, TestCatalog.Roubaix);
        yield return In(Step("b-3", B2bJourney, b.AddHours(3), "central-support", "delivery") with { AccountId = B2bAccount }, null, TestCatalog.Roubaix); // open
        yield return In(AccountChurn("churn-b2b", b.AddDays(2), B2bAccount));

        var a = Start.AddDays(2);
        yield return In(AccountSurvey("a-1", Diverging, a, "user", 9));
        yield return In(AccountSurvey("a-2", Diverging, a.AddHours(2), "user", 10));
        yield return In(AccountSurvey("a-3", Diverging, a.AddHours(4), "purchasing", 2));
        yield return In(AccountSurvey("a-4", Diverging, a.AddHours(6), "legal", 7) with { SiteId = TestCatalog.ParisBercy });
        yield return In(AccountSurvey("a-5", Diverging, a.AddDays(1), "purchasing", 3)); // open
        yield return In(AccountSurvey("a-6", Diverging, a.AddDays(3), "purchasing", 0)); // the gap widens: updated
        yield return In(AccountSurvey("a-7", Diverging, a.AddDays(4), "management", 8));
        yield return In(AccountSurvey("a-8", Diverging, a.AddDays(4).AddHours(1), "management", 9));
        yield return In(AccountChurn(ChurnOfDiverging, a.AddDays(6), Diverging) with { Reason = "price" }); // updated
        for (var k = 0; k < 3; k++) yield return In(AccountSurvey($"a-{9 + k}", Diverging, a.AddDays(10 + k), "purchasing", 10)); // narrows, then resolved
        yield return In(AccountSurvey("a-12", Diverging, a.AddDays(18), "intern", 1) with { Flags = CatalogFlags.UnknownRole });
        yield return In(AccountSurvey(ReopensDiverging, Diverging, a.AddDays(18).AddHours(3), "intern", 0) with { Flags = CatalogFlags.UnknownRole }); // open again
    }

    /// <summary>240 journeys started over the first 36 days, account surveys, churns and feedback without a journey.</summary>
    private static List<JourneyInput> Background(Random rnd)
    {
        string[] sites = [.. TestCatalog.Sites.Select(s => s.SiteId)];
        string[] departments = ["sales", "support", "field-service", "central-support"];
        string[] reasons = ["no-network", "invoice", "delivery", "password"];
        string[] channels = ["call", "ticket", "visit", "chat"];
        string[] roles = ["user", "purchasing", "legal", "management", "user", "purchasing", "intern"]; // intern: not one of the five
        string Pick(string[] from) => from[rnd.Next(from.Length)];
        DateTimeOffset Within(int days) => Start.AddMinutes(rnd.Next(days * 24 * 60));
        var messages = new List<JourneyInput>();

        for (var n = 0; n < 240; n++)
        {
            var journeyId = $"jrn-{n:D3}";
            var customerId = $"cus-{rnd.Next(170):D3}";
            var accountId = rnd.NextDouble() < 0.12 ? $"acc-{rnd.Next(4)}" : null;
            var site = Pick(sites);
            var at = Within(36);
            for (var k = rnd.Next(1, 7); k > 0; k--)
            {
                var department = rnd.NextDouble() < 0.06 ? "billing" : Pick(departments); // billing: not in the catalog
                var flags = department == "billing" ? CatalogFlags.UnknownDepartment : CatalogFlags.None;
                var id = $"{journeyId}-{k}";
                if (rnd.NextDouble() < 0.5)
                {
                    messages.Add(In(Step(id, journeyId, at, department, Pick(reasons)) with { Step = Pick(channels), AccountId = accountId, Flags = flags }, customerId, site));
                }
                else
                {
                    var role = accountId is null ? null : Pick(roles);
                    var csat = rnd.NextDouble() < 0.7 ? rnd.Next(4, 6) : rnd.Next(1, 4);
                    messages.Add(In(Contact(id, journeyId, at, department, csat, customerId) with
                    {
                        SiteId = site, AccountId = accountId, ContactRole = role, Flags = flags | (role == "intern" ? CatalogFlags.UnknownRole : CatalogFlags.None),
                    }));
                }
                at = at.AddHours(2 + rnd.Next(40));
                if (rnd.NextDouble() < 0.3) site = Pick(sites);
            }
            if (rnd.NextDouble() < 0.3) messages.Add(In(JourneySurvey($"{journeyId}-j", journeyId, at, rnd.Next(11), customerId) with { SiteId = site, AccountId = accountId }));
            var closing = rnd.NextDouble();
            if (closing < 0.65)
            {
                var outcome = closing < 0.4 ? JourneyOutcome.Resolved : closing < 0.55 ? JourneyOutcome.Unresolved : JourneyOutcome.Abandoned;
                messages.Add(In(Closed($"{journeyId}-x", journeyId, at.AddHours(1), outcome)));
            }
        }
        for (var n = 0; n < 60; n++)
        {
            var role = Pick(roles);
            var survey = AccountSurvey($"as-{n}", $"acc-{rnd.Next(4)}", Within(Days), role, rnd.Next(11));
            messages.Add(In(survey with { SiteId = Pick(sites), Flags = role == "intern" ? CatalogFlags.UnknownRole : CatalogFlags.None }));
        }
        for (var n = 0; n < 10; n++) messages.Add(In(CustomerChurn($"churn-{n}", Start.AddDays(5).AddMinutes(rnd.Next(30 * 24 * 60)), $"cus-{rnd.Next(170):D3}")));
        messages.Add(In(AccountChurn("churn-acc", Within(30), "acc-1")));
        for (var n = 0; n < 20; n++)
            messages.Add(In(Contact($"fb-{n}", "none", Within(Days), "billing", 3) with { JourneyId = null, CustomerId = null, Flags = CatalogFlags.UnknownDepartment }));
        return messages;
    }

    private static JourneyInput In(FeedbackEvent e) => JourneyInput.From(e);

    private static JourneyInput In(JourneySignal s) => JourneyInput.From(s);

    private static JourneyInput In(JourneyStep s, string? customerId, string siteId) => JourneyInput.From(s with { CustomerId = customerId, SiteId = siteId });
}
