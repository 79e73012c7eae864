using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Journeys.Indicators;

/// <summary>
/// Short journeys at every site of the test catalog over <see cref="Days"/> days, opened in opening hours (08:00–20:00 UTC)
/// at <see cref="PerHour"/> an hour a site: a contact rated 4–5 of 5, then a closing an hour later, resolved, or
/// unresolved (red) with a probability of 10 % — from <see cref="SurgeDay"/> on, 60 % at the surging site, if any. All
/// handled by support; or, with a surging department, by <see cref="Departments"/> in turn, 60 % red in that department
/// from <see cref="SurgeDay"/> on at every site. With a surging region, at every site of it.
/// </summary>
public static class JourneyIndicatorScenario
{
    public const int Days = 12;
    public const int SurgeDay = 9;
    public const int PerHour = 6;

    public static readonly DateTimeOffset Start = new(2026, 2, 2, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Departments = ["support", "field-service", "central-support"];

    /// <summary>The journeys' messages in event order.</summary>
    public static List<(DateTimeOffset At, object Message)> Messages(int seed, string? surgingSite, string? surgingDepartment = null, string? surgingRegion = null)
    {
        var rnd = new Random(seed);
        var messages = new List<(DateTimeOffset, object)>();
        var n = 0;
        foreach (var site in TestCatalog.Sites)
        {
            for (var day = 0; day < Days; day++)
            {
                for (var hour = 8; hour < 20; hour++)
                {
                    for (var k = 0; k < PerHour; k++)
                    {
                        var at = Start.AddDays(day).AddHours(hour).AddMinutes(rnd.Next(60)).AddSeconds(rnd.Next(60));
                        var id = $"jrn-{seed}-{n++}";
                        var department = surgingDepartment is null ? "support" : Departments[n % Departments.Length];
                        var surging = surgingDepartment is null ? site.SiteId == surgingSite || site.RegionId == surgingRegion : department == surgingDepartment;
                        var redChance = surging && day >= SurgeDay ? 0.6 : 0.1;
                        messages.Add((at, new FeedbackEvent($"{id}-c", at, site.SiteId, "phone", RatingDictionary.Empty)
                        {
                            JourneyId = id, CustomerId = "cus-" + id, Department = department, Csat = 4 + rnd.Next(2),
                        }));
                        var outcome = rnd.NextDouble() < redChance ? JourneyOutcome.Unresolved : JourneyOutcome.Resolved;
                        messages.Add((at.AddHours(1), new JourneyClosed($"{id}-x", at.AddHours(1), id, outcome)));
                    }
                }
            }
        }
        return [.. messages.OrderBy(m => m.Item1).ThenBy(m => Id(m.Item2), StringComparer.Ordinal)];
    }

    public static string Id(object m) => m is FeedbackEvent e ? e.EventId : ((JourneySignal)m).EventId;

    /// <summary>The readings one processor gives for the messages, in the order given.</summary>
    public static List<FeedbackEvent> Readings(IEnumerable<(DateTimeOffset At, object Message)> messages)
    {
        var p = new JourneyProcessor(TestCatalog.Create(), new JourneySettings(), TimeProvider.System, givesReadings: true);
        var readings = new List<FeedbackEvent>();
        foreach (var (_, m) in messages)
        {
            _ = m is FeedbackEvent e ? p.Process(e) : p.Process((JourneySignal)m);
            readings.AddRange(p.TakeReadings());
        }
        p.Flush();
        readings.AddRange(p.TakeReadings());
        return readings;
    }
}
