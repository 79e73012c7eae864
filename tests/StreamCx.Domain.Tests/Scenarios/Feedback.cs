using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.Scenarios;

/// <summary>Synthetic feedback with a known truth: integer ratings drawn around a chosen mean with realistic noise.</summary>
public static class Feedback
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static AttributeDefinition Attribute(string id) => new(id, id.Replace('-', ' '), 1, 5, 2);

    /// <summary>Region "r{i}" holds sites "r{i}-s{j}".</summary>
    public static ReferenceCatalog Catalog(int[] sitesPerRegion, params string[] attributes) =>
        new(sitesPerRegion.SelectMany((count, r) => Enumerable.Range(0, count).Select(j => new Site($"r{r}-s{j}", $"Site {r}-{j}", $"r{r}"))),
            attributes.Select(Attribute));

    /// <summary>A 1..5 integer around <paramref name="mean"/>: a normal with the given spread, rounded, redrawn when off scale.</summary>
    public static int Rating(double mean, Random rnd, double sd = 0.6)
    {
        while (true)
        {
            var u1 = 1.0 - rnd.NextDouble();
            var u2 = rnd.NextDouble();
            var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            var x = (int)Math.Round(mean + (sd * z));
            if (x is >= 1 and <= 5) return x;
        }
    }

    /// <summary>
    /// Responses for one site at a steady rate; each rates the given attributes around meanOf(attribute, hours since start).
    /// </summary>
    public static IEnumerable<FeedbackEvent> Stream(
        string siteId, TimeSpan duration, double perHour, Func<string, double, double> meanOf, string[] attributes, int seed,
        Func<IReadOnlyDictionary<string, double>, Random, int?>? nps = null, DateTimeOffset? from = null, double sd = 0.6)
    {
        var rnd = new Random(seed);
        var start = from ?? Start;
        var count = (int)(duration.TotalHours * perHour);
        for (var i = 0; i < count; i++)
        {
            var hours = (i + rnd.NextDouble()) / perHour;
            var ratings = attributes.ToDictionary(a => a, a => (double)Rating(meanOf(a, hours), rnd, sd));
            yield return new FeedbackEvent($"{siteId}-{seed}-{i}", start.AddHours(hours), siteId, "survey", ratings)
            {
                Nps = nps?.Invoke(ratings, rnd),
                Comment = ratings.Values.Any(v => v <= 2) ? $"not happy ({i})" : null,
            };
        }
    }

    public static IEnumerable<FeedbackEvent> Merge(params IEnumerable<FeedbackEvent>[] streams) =>
        streams.SelectMany(s => s).OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal);

    public static List<Alert> Run(FeedbackProcessor processor, IEnumerable<FeedbackEvent> events) =>
        events.SelectMany(processor.Process).ToList();

    public static FeedbackProcessor Processor(ReferenceCatalog catalog, DetectionSettings? settings = null) =>
        new(catalog, settings ?? new DetectionSettings(), TimeProvider.System);

    public static double HoursAfterStart(Alert alert) => (alert.RaisedAt - Start).TotalHours;
}
