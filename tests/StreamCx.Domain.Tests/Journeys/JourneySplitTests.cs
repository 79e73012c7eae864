using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>
/// Journeys split over channels by key (<see cref="JourneyRouting"/>), each channel's processor applying the parts of the
/// copies it gets, give together the alerts and counters of one processor that takes every message: whichever channel
/// a journey, an account or a customer's churn lands on.
/// </summary>
public sealed class JourneySplitTests
{
    private static readonly string[] Departments = ["support", "field-service", "sales", "billing"];

    /// <summary>
    /// Sixty days of journeys of several customers (some watermelons: long, many contacts rated well), B2B accounts whose
    /// roles agree or diverge, closings of every outcome, churns of customers and accounts, resent messages and flagged
    /// departments, in event order.
    /// </summary>
    private static List<object> Traffic(int seed)
    {
        var rnd = new Random(seed);
        var list = new List<object>();
        for (var j = 0; j < 40; j++)
        {
            var journey = $"jrn-{j}";
            var customer = $"cus-{j % 17}";
            var account = j % 3 == 0 ? $"acc-{j % 7}" : null;
            var at = Start.AddHours(rnd.Next(0, 24 * 40));
            var contacts = rnd.Next(1, 7);
            for (var c = 0; c < contacts; c++)
            {
                var department = rnd.Next(12) == 0 ? "night-desk" : Departments[rnd.Next(Departments.Length)]; // uncatalogued now and then
                var flags = department == "night-desk" ? CatalogFlags.UnknownDepartment : CatalogFlags.None; // as the parser flags it
                list.Add(new JourneyStep($"{journey}-s{c}", at, journey, department, "call") { CustomerId = customer, AccountId = account, Reason = rnd.Next(3) == 0 ? "no-network" : null, Flags = flags });
                list.Add(new FeedbackEvent($"{journey}-c{c}", at.AddMinutes(rnd.Next(5, 90)), TestCatalog.LilleCentre, "phone", RatingDictionary.Empty)
                {
                    JourneyId = journey, CustomerId = customer, AccountId = account, Department = department, Csat = rnd.Next(10) < 7 ? 5 : rnd.Next(1, 4),
                    ContactRole = account is null ? null : rnd.Next(2) == 0 ? "user" : "purchasing", Flags = flags,
                });
                at = at.AddHours(rnd.Next(6, 24 * 8));
            }
            if (rnd.Next(3) == 0) list.Add(JourneySurvey($"{journey}-nps", journey, at, nps: rnd.Next(0, 11), customerId: customer));
            if (rnd.Next(4) != 0) list.Add(Closed($"{journey}-x", journey, at.AddHours(1), (JourneyOutcome)rnd.Next(0, 3)));
        }
        for (var a = 0; a < 7; a++)
        {
            var diverging = a % 2 == 0;
            for (var s = 0; s < 6; s++)
            {
                var role = s % 2 == 0 ? "user" : "purchasing";
                list.Add(AccountSurvey($"acc-{a}-{s}", $"acc-{a}", Start.AddDays(3 + (a * 5) + s), role, diverging && role == "purchasing" ? 2 : 9));
            }
        }
        for (var c = 0; c < 17; c += 4) list.Add(CustomerChurn($"churn-cus-{c}", Start.AddDays(20 + c), $"cus-{c}"));
        list.Add(AccountChurn("churn-acc-0", Start.AddDays(40), "acc-0"));
        var ordered = list.OrderBy(TimeOf).ThenBy(IdOf, StringComparer.Ordinal).ToList();
        foreach (var resent in ordered.Where((_, i) => i % 29 == 5).ToList()) ordered.Insert(ordered.IndexOf(resent) + 1, resent); // the same message again
        return ordered;
    }

    private static DateTimeOffset TimeOf(object m) => m is FeedbackEvent e ? e.OccurredAt : ((JourneySignal)m).OccurredAt;

    private static string IdOf(object m) => m is FeedbackEvent e ? e.EventId : ((JourneySignal)m).EventId;

    private static JourneyProcessor FollowingFrontier() =>
        new(TestCatalog.Create(), new JourneySettings(), new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)), followsFrontier: true);

    private static JourneyInput Input(object m, JourneyParts parts) => m is FeedbackEvent e ? JourneyInput.From(e, parts) : JourneyInput.From((JourneySignal)m, parts);

    private static IReadOnlyList<(string Key, JourneyParts Parts)> CopiesOf(object m) => m is FeedbackEvent e ? JourneyRouting.Copies(e) : JourneyRouting.Copies((JourneySignal)m);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 12)]
    public void Channels_split_by_key_give_together_the_alerts_and_counters_of_one_processor(int seed, int channelCount)
    {
        var traffic = Traffic(seed);
        var one = FollowingFrontier();
        var channels = Enumerable.Range(0, channelCount).Select(_ => FollowingFrontier()).ToArray();
        var expected = new List<Alert>();
        var actual = new List<Alert>();
        var placedAway = 0; // copies that went to another channel than the message's first copy

        foreach (var m in traffic)
        {
            expected.AddRange(one.Process(Input(m, JourneyParts.All)));
            var placed = JourneyRouting.Place(CopiesOf(m), channelCount, key => KeyPartitioner.PartitionOf(key, channelCount));
            placedAway += placed.Count > 1 ? 1 : 0;
            foreach (var (channel, parts) in placed) actual.AddRange(channels[channel].Process(Input(m, parts)));
            // the engine's frontier: every channel is told the same, an hour behind what came
            var frontier = TimeOf(m).AddHours(-1);
            expected.AddRange(one.Advance(frontier));
            foreach (var channel in channels) actual.AddRange(channel.Advance(frontier));
        }
        expected.AddRange(one.Flush());
        foreach (var channel in channels) actual.AddRange(channel.Flush());

        Assert.True(placedAway > 0, "some messages were split over several channels");
        Assert.Contains(expected, a => a.Factors.Any(f => f is WatermelonFactor));
        Assert.Contains(expected, a => a.Factors.Any(f => f is DivergenceFactor));
        Assert.Contains(expected, a => a.Factors.Any(f => f is WatermelonFactor w && w.ChurnEventId is not null)); // a churn linked to a journey
        Assert.Equal(Lines(expected), Lines(actual));
        var counters = one.Counters;
        Assert.Equal(
            (counters.Applied, counters.Late, counters.Duplicates, counters.UnknownDepartments, counters.UnknownRoles),
            (channels.Sum(c => c.Counters.Applied), channels.Sum(c => c.Counters.Late), channels.Sum(c => c.Counters.Duplicates),
             channels.Sum(c => c.Counters.UnknownDepartments), channels.Sum(c => c.Counters.UnknownRoles)));
        Assert.True(counters.Duplicates > 0 && counters.UnknownDepartments > 0, "resent messages and uncatalogued departments were counted");
        Assert.Equal(one.Journeys.Count, channels.Sum(c => c.Journeys.Count));
        Assert.Equal(one.Accounts.Count, channels.Sum(c => c.Accounts.Count));
    }

    [Fact]
    public void A_churn_goes_to_every_channel_for_the_journeys_and_to_its_account_s_channel_for_the_account()
    {
        var churn = new Churn("churn-1", Start) { CustomerId = "cus-1", AccountId = "acc-1" };

        var placed = JourneyRouting.Place(JourneyRouting.Copies(churn), 4, key => key == JourneyRouting.AccountKey("acc-1") ? 2 : throw new ArgumentException(key));

        Assert.Equal(
            [(0, JourneyParts.Journeys), (1, JourneyParts.Journeys), (2, JourneyParts.All), (3, JourneyParts.Journeys)],
            placed);
    }

    [Fact]
    public void Feedback_of_a_journey_and_an_account_goes_to_both_counted_once()
    {
        var e = Contact("c1", "jrn-1", Start, "support", 5) with { AccountId = "acc-1" };

        var copies = JourneyRouting.Copies(e);

        Assert.Equal([(JourneyRouting.JourneyKey("jrn-1"), JourneyParts.Journeys | JourneyParts.Counted), (JourneyRouting.AccountKey("acc-1"), JourneyParts.Accounts)], copies);
        Assert.Empty(JourneyRouting.Copies(Contact("c2", "jrn-1", Start, "support", 5) with { JourneyId = null, CustomerId = null }));
    }

    private static List<string> Lines(IEnumerable<Alert> alerts) =>
        [.. alerts.Select(ContractJson.Serialize).Order(StringComparer.Ordinal)];
}
