using Akka.Actor;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Regions;

namespace StreamCx.Engine.Listening;

/// <summary>
/// This engine's listening sources (complaints, incidents, staff reports, social mentions): hosts the
/// <see cref="ListeningProcessor"/> that <c>replay</c> runs, fed by the ingestion stream in consumption order; each message
/// waits until the sites' router says the frontier of event time passed it (<see cref="FrontierAdvanced"/>) and is then
/// applied in event order, as the journeys are; its alerts go out with the sites' alerts. Through the region topic it sees
/// every message of the regions this engine holds. Not durable yet (the domain state snapshots; the actor does not save it).
/// </summary>
public sealed class ListeningActor : ReceiveActor
{
    private readonly ListeningProcessor _processor;
    private readonly IAlertPublisher _alerts;

    public ListeningActor(ReferenceCatalog catalog, ComplaintSettings complaints, IAlertPublisher alerts, SocialSettings? social)
    {
        _alerts = alerts;
        _processor = new ListeningProcessor(catalog, complaints, alerts.Clock, social);
        Receive<ApplyListening>(m =>
        {
            foreach (var e in m.Events) Publish(_processor.Offer(e));
        });
        Receive<FrontierAdvanced>(m => Publish(_processor.Advance(m.Frontier)));
        Receive<ObserveFeedback>(m =>
        {
            foreach (var e in m.Events) _processor.Observe(e);
        });
        Receive<GetIncidentCorrelation>(m => Sender.Tell(_processor.Correlation.Of(m.RegionId)));
        Receive<GetServiceKpis>(m => Sender.Tell(_processor.Service.Of(m.RegionId, m.SiteId)));
        Receive<GetUnits>(m => Sender.Tell(new UnitsFound(
            _processor.Units.Scores(m.SiteId, m.AttributeId, m.Hours), _processor.Units.Drop(m.SiteId, m.AttributeId), Domain.Units.UnitDrillDown.MinResponses)));
        Receive<GetComplaintBoard>(m => Sender.Tell(_processor.Complaints.Board(m.RegionId, m.SiteId, m.Channel, m.Days)));
        Receive<GetListeningStatus>(_ =>
        {
            var c = _processor.Counters;
            Sender.Tell(new ListeningStatus(
                ListeningTypes.All.ToDictionary(t => t, c.Of),
                ListeningCounters.UncataloguedFlags.ToDictionary(ListeningCounters.CatalogName, c.Uncatalogued),
                _processor.Late, _processor.Held, _processor.Complaints.Counters.Applied, _processor.Complaints.Counters.Duplicates)
            {
                SocialApplied = _processor.Social.Applied,
                SocialDuplicates = _processor.Social.Duplicates,
                IncidentsApplied = _processor.Incidents.Applied,
                NegativeReportsApplied = _processor.Internal.Counters.Applied,
            });
        });
    }

    private void Publish(IReadOnlyList<Alert> alerts)
    {
        foreach (var alert in alerts) _alerts.Publish(alert);
    }

    public static Props Create(ReferenceCatalog catalog, ComplaintSettings complaints, IAlertPublisher alerts, SocialSettings? social = null) =>
        Props.Create(() => new ListeningActor(catalog, complaints, alerts, social));
}
