using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// The messages of one simulated journey as the systems involved send them: a contact is either a <c>journey-step</c>
/// (from the CRM, keyed by journey) or an interaction survey of that contact (from the survey system, keyed by site),
/// never both; then a journey survey, the closure and the customer's churn. Times are kept to the second.
/// </summary>
internal sealed class JourneyMessages(string idPrefix, string journeyId, string customerId, Site site)
{
    private readonly List<SimulatedMessage> _messages = [];

    public IReadOnlyList<SimulatedMessage> Messages => _messages;

    public void Step(DateTimeOffset at, JourneyContact contact, string reason) => Add(at, journeyId, new()
    {
        ["type"] = "journey-step",
        ["journeyId"] = journeyId,
        ["customerId"] = customerId,
        ["siteId"] = contact.AtSite ? site.SiteId : null,
        ["department"] = contact.Department,
        ["step"] = contact.Step,
        ["reason"] = reason,
    });

    /// <summary>An interaction survey of <paramref name="contact"/> rated <paramref name="csat"/> of 5.</summary>
    public void Survey(DateTimeOffset at, JourneyContact contact, int csat, (string Text, string Language)? comment) => Add(at, site.SiteId, new()
    {
        ["siteId"] = site.SiteId,
        ["channel"] = contact.AtSite ? "store" : contact.Department is "field-service" or "delivery" ? "email" : "phone",
        ["touchpoint"] = contact.Step,
        ["journeyId"] = journeyId,
        ["customerId"] = customerId,
        ["department"] = contact.Department,
        ["csat"] = csat,
        ["comment"] = comment?.Text,
        ["language"] = comment?.Language,
    });

    /// <summary>A survey about the whole journey, scored <paramref name="nps"/>.</summary>
    public void JourneySurvey(DateTimeOffset at, int nps, (string Text, string Language)? comment) => Add(at, site.SiteId, new()
    {
        ["siteId"] = site.SiteId,
        ["channel"] = "email",
        ["journeyId"] = journeyId,
        ["customerId"] = customerId,
        ["scope"] = "journey",
        ["nps"] = nps,
        ["comment"] = comment?.Text,
        ["language"] = comment?.Language,
    });

    /// <summary><paramref name="outcome"/>: <c>resolved</c>, <c>unresolved</c> or <c>abandoned</c>.</summary>
    public void Closed(DateTimeOffset at, string outcome) => Add(at, journeyId, new()
    {
        ["type"] = "journey-closed",
        ["journeyId"] = journeyId,
        ["customerId"] = customerId,
        ["outcome"] = outcome,
    });

    public void Churn(DateTimeOffset at, string reason) => Add(at, customerId, new()
    {
        ["type"] = "churn",
        ["customerId"] = customerId,
        ["siteId"] = site.SiteId,
        ["reason"] = reason,
    });

    private void Add(DateTimeOffset at, string key, Dictionary<string, object?> fields)
    {
        _messages.Add(SimulatedJson.Message(at, $"{idPrefix}-{_messages.Count + 1}", key, type: null, fields));
    }
}
