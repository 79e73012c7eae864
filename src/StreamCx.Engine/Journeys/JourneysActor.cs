using Akka.Actor;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Regions;

namespace StreamCx.Engine.Journeys;

/// <summary>
/// This engine's journeys and B2B accounts: hosts the <see cref="JourneyProcessor"/> that <c>replay</c> runs, fed by the
/// ingestion stream in consumption order, and publishes its alerts with the sites' alerts. With <c>followsFrontier</c>
/// (the engine) it applies what it is given once the sites' router says the frontier of event time passed it
/// (<see cref="FrontierAdvanced"/>), in event order, as the regions do; else once the newest event time is
/// <see cref="JourneySettings.AllowedLateness"/> past it. Not durable yet, and it sees only the partitions this engine
/// consumes: routing by journey id across engines comes with the scale-out work.
/// </summary>
public sealed class JourneysActor : ReceiveActor
{
    private readonly JourneyProcessor _processor;
    private readonly IAlertPublisher _alerts;

    public JourneysActor(ReferenceCatalog catalog, JourneySettings settings, IAlertPublisher alerts, bool followsFrontier)
    {
        _alerts = alerts;
        _processor = new JourneyProcessor(catalog, settings, alerts.Clock, followsFrontier);
        Receive<ApplyJourneyInputs>(m =>
        {
            foreach (var input in m.Inputs) Publish(input.Signal is { } signal ? _processor.Process(signal) : _processor.Process(input.Feedback!));
        });
        Receive<FrontierAdvanced>(m => Publish(_processor.Advance(m.Frontier)));
        Receive<GetJourney>(m => Sender.Tell(new JourneyFound(_processor.Journey(m.JourneyId))));
        Receive<GetAccount>(m => Sender.Tell(new AccountFound(_processor.Account(m.AccountId))));
        Receive<GetJourneyStatus>(_ =>
        {
            var c = _processor.Counters;
            Sender.Tell(new JourneyStatus(
                c.Applied, c.Late, c.Duplicates, c.UnknownDepartments, c.UnknownRoles, _processor.Journeys.Count, _processor.Accounts.Count,
                _processor.Journeys.Dropped, _processor.Held));
        });
    }

    private void Publish(IReadOnlyList<Alert> alerts)
    {
        foreach (var alert in alerts) _alerts.Publish(alert);
    }

    /// <param name="followsFrontier">True in the engine: told the frontier by the sites' router (<see cref="Sites.SitesActor"/>).</param>
    public static Props Create(ReferenceCatalog catalog, JourneySettings settings, IAlertPublisher alerts, bool followsFrontier = false) =>
        Props.Create(() => new JourneysActor(catalog, settings, alerts, followsFrontier));
}
