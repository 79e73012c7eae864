using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// One survey's score on 0..10, so journeys and accounts compare surveys of any kind: NPS as given, else CSAT
/// (1..5 → 0..10), else the mean of the ratings on their scales, else CES (1..7, higher = more effort, reversed).
/// </summary>
public static class InteractionScore
{
    public static double Of(FeedbackEvent e, ReferenceCatalog catalog)
    {
        if (e.Nps is { } nps) return nps;
        if (e.Csat is { } csat) return (csat - 1) * 2.5;
        if (e.Ratings.Count > 0)
        {
            var sum = 0.0;
            foreach (var (attributeId, value) in e.Ratings)
            {
                var a = catalog.Attribute(attributeId);
                sum += (value - a.Min) / a.Range * 10;
            }
            return sum / e.Ratings.Count;
        }
        return (7 - e.Ces!.Value) * 10.0 / 6;
    }
}
