using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Channels;

/// <summary>
/// Feedback at Lille Centre, <see cref="PerHour"/> responses an hour over <see cref="Hours"/> hours: channels store, web, app
/// and social (weights <see cref="Weights"/>), touchpoints checkout and delivery, waiting time rated about 4 (sd 0.7, whole
/// points 1–5), NPS mostly promoters, CES about 3; from <see cref="OnsetHour"/> on, <see cref="Worse"/> (a channel, or a
/// touchpoint when <see cref="WorseIsTouchpoint"/>) is <see cref="Gap"/> points lower on waiting time (and, at a touchpoint,
/// its NPS mostly detractors), until <see cref="RecoveryHour"/>.
/// </summary>
public sealed record ChannelScenario(int Seed)
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public int Hours { get; init; } = 96;
    public int PerHour { get; init; } = 20;
    public int OnsetHour { get; init; } = 48;
    public int RecoveryHour { get; init; } = int.MaxValue;
    public string Worse { get; init; } = "social";
    public bool WorseIsTouchpoint { get; init; }
    public double Gap { get; init; } = 1.2;
    public (string Channel, int Weight)[] Weights { get; init; } = [("store", 40), ("web", 25), ("app", 20), ("social", 15)];

    public DateTimeOffset Onset => Start.AddHours(OnsetHour);

    public List<FeedbackEvent> Events()
    {
        var rnd = new Random(Seed);
        var events = new List<FeedbackEvent>();
        var total = Weights.Sum(w => w.Weight);
        for (var h = 0; h < Hours; h++)
            for (var i = 0; i < PerHour; i++)
            {
                var at = Start.AddHours(h).AddSeconds(rnd.Next(3600));
                var roll = rnd.Next(total);
                var channel = Weights.First(w => (roll -= w.Weight) < 0).Channel;
                var touchpoint = rnd.Next(2) == 0 ? "checkout" : "delivery";
                var affected = h >= OnsetHour && h < RecoveryHour && (WorseIsTouchpoint ? touchpoint : channel) == Worse;
                var mean = 4 - (affected ? Gap : 0);
                var rating = Math.Clamp(Math.Round(mean + Normal(rnd, 0.7)), 1, 5);
                var nps = affected && WorseIsTouchpoint ? (rnd.NextDouble() < 0.5 ? 3 : 8) : (rnd.NextDouble() < 0.7 ? 9 : rnd.NextDouble() < 0.6 ? 8 : 5);
                events.Add(new FeedbackEvent($"f-{Seed}-{h}-{i}", at, TestCatalog.LilleCentre, channel, new RatingDictionary([new(TestCatalog.WaitingTime, rating)]))
                {
                    Touchpoint = touchpoint,
                    Nps = nps,
                    Ces = Math.Clamp((int)Math.Round(3 + Normal(rnd, 1)), 1, 7),
                });
            }
        return [.. events.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal)];
    }

    private static double Normal(Random rnd, double sd) => sd * Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());
}
