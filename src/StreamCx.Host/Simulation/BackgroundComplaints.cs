using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// The complaint system's everyday flow: <c>perSitePerHour</c> complaints a site an hour at random sites, for reasons of the
/// catalog, on the channels complaints come in by; one in fifty for a reason the catalog does not list (kept and flagged).
/// </summary>
public sealed class BackgroundComplaints(ReferenceCatalog catalog, int seed, double perSitePerHour, DateTimeOffset from)
    : ScriptedSource(unchecked((seed * 31) + 3), perSitePerHour * catalog.Sites.Count, from)
{
    private static readonly string[] Channels = ["store", "phone", "email", "web", "chat"];
    private readonly string[] _reasons = catalog.Listening.Reasons.Count > 0
        ? [.. catalog.Listening.Reasons.Select(r => r.ReasonId)]
        : [.. ListeningTexts.Complaints.Keys.Except(ListeningTexts.UncataloguedReasons)];

    protected override IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start)
    {
        var site = Rnd.Choose(catalog.Sites);
        var reason = Rnd.NextDouble() < 0.02 ? Rnd.Choose(ListeningTexts.UncataloguedReasons) : Rnd.Choose(_reasons);
        var text = Rnd.Choose(ListeningTexts.Complaints.GetValueOrDefault(reason) ?? ListeningTexts.GenericComplaint);
        return [ListeningMessages.Complaint($"sim-{seed}-c{index}", start, site, Rnd.Choose(Channels), reason, text)];
    }
}
