using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Perf.Micro.Workload;

/// <summary>
/// Seeded, endless feedback for every site of the catalog: one event every <see cref="Spacing"/> of event time at a
/// random site, each with 6 of the 10 attributes rated, an NPS, and a comment on one event in five. The ratings are a
/// <see cref="RatingDictionary"/>, as the parser makes them.
/// </summary>
public sealed class EventStream(ReferenceCatalog catalog, DateTimeOffset start, int seed)
{
    public const int RatingsPerEvent = 6;
    public const int CommentEvery = 5;
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(500);

    private readonly RatingModel _model = new(seed);
    private DateTimeOffset _time = start;
    private long _count;

    public DateTimeOffset Time => _time;

    public FeedbackEvent Next()
    {
        var site = catalog.Sites[_model.Next(catalog.Sites.Count)];
        var ratings = new Dictionary<string, double>(RatingsPerEvent, StringComparer.Ordinal);
        var sum = 0.0;
        while (ratings.Count < RatingsPerEvent)
        {
            var attribute = catalog.Attributes[_model.Next(catalog.Attributes.Count)];
            if (ratings.ContainsKey(attribute.AttributeId)) continue;
            var value = _model.Rating(_time);
            ratings[attribute.AttributeId] = value;
            sum += value;
        }
        // the ratings as the parser hands them over (same order), so Process takes the path of parsed events
        var e = new FeedbackEvent($"evt-{_count:D9}", _time, site.SiteId, "store", new RatingDictionary([.. ratings]))
        {
            Touchpoint = "checkout",
            Nps = _model.Nps(sum / RatingsPerEvent),
            Comment = _count % CommentEvery == 0 ? Comments.Pick((int)(_count / CommentEvery)) : null,
            Language = "fr",
        };
        _time += Spacing;
        _count++;
        return e;
    }
}
