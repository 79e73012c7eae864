using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// The listening sources' messages as their systems send them (README "Message types: the listening sources"): keyed by
/// site, a social mention without a site by <see cref="ListeningTypes.BrandWide"/>; times kept to the second.
/// </summary>
internal static class ListeningMessages
{
    public static SimulatedMessage Complaint(string eventId, DateTimeOffset at, Site site, string channel, string reason, string text) =>
        SimulatedJson.Message(at, eventId, site.SiteId, ListeningTypes.Complaint, new()
        {
            ["siteId"] = site.SiteId,
            ["channel"] = channel,
            ["reason"] = reason,
            ["text"] = text,
        });

    /// <param name="minutes">How long it lasted, for the types that last (it then ends that many minutes later).</param>
    public static SimulatedMessage Incident(string eventId, DateTimeOffset at, Site site, string incidentType, double? magnitude, double? minutes) =>
        SimulatedJson.Message(at, eventId, site.SiteId, ListeningTypes.Incident, new()
        {
            ["siteId"] = site.SiteId,
            ["incidentType"] = incidentType,
            ["magnitude"] = magnitude,
            ["endedAt"] = minutes is { } m ? SimulatedJson.Timestamp(SimulatedJson.ToSecond(at).AddMinutes(Math.Round(m))) : null,
        });

    /// <param name="subject">An attribute of the catalog, or (<paramref name="isTopic"/>) a free topic.</param>
    public static SimulatedMessage StaffReport(string eventId, DateTimeOffset at, Site site, string role, string subject, bool isTopic, double sentiment, string text) =>
        SimulatedJson.Message(at, eventId, site.SiteId, ListeningTypes.InternalReport, new()
        {
            ["siteId"] = site.SiteId,
            ["reporterRole"] = role,
            ["attributeId"] = isTopic ? null : subject,
            ["topic"] = isTopic ? subject : null,
            ["sentiment"] = Math.Round(sentiment, 2),
            ["text"] = text,
        });

    /// <param name="site">The site it is about; null: the brand as a whole.</param>
    public static SimulatedMessage Mention(string eventId, DateTimeOffset at, Site? site, string platform, double sentiment, long reach, string text) =>
        SimulatedJson.Message(at, eventId, site?.SiteId ?? ListeningTypes.BrandWide, ListeningTypes.SocialMention, new()
        {
            ["platform"] = platform,
            ["siteId"] = site?.SiteId,
            ["sentiment"] = Math.Round(sentiment, 2),
            ["reach"] = reach,
            ["text"] = text,
            ["url"] = $"https://{platform}.example/posts/{eventId}",
        });
}
