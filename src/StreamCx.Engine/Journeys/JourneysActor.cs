using Akka.Actor;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;

namespace StreamCx.Engine.Journeys;

/// <summary>
/// This engine's journeys and B2B accounts: hosts the <see cref="JourneyProcessor"/> that <c>replay</c> runs, fed by the
/// ingestion stream in consumption order (the processor puts a journey's messages back in event order within
/// <see cref="JourneySettings.AllowedLateness"/>), and publishes its alerts with the sites' alerts. Not durable yet, and
/// it sees only the partitions this engine consumes: routing by journey id across engines comes with the scale-out work.
/// </summary>
public sealed class JourneysActor : ReceiveActor
{
    private readonly JourneyProcessor _processor;
    private readonly IAlertPublisher _alerts;

    public JourneysActor(ReferenceCatalog catalog, JourneySettings settings, IAlertPublisher alerts)
    {
        _alerts = alerts;
        _processor = new JourneyProcessor(catalog, settings, alerts.Clock);
        Receive<ApplyJourneyInputs>(m =>
        {
            foreach (var input in m.Inputs)
            {
                var emitted = input.Signal is { } signal ? _processor.Process(signal) : _processor.Process(input.Feedback!);
                foreach (var alert in emitted) _alerts.Publish(alert);
            }
        });
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

    public static Props Create(ReferenceCatalog catalog, JourneySettings settings, IAlertPublisher alerts) =>
        Props.Create(() => new JourneysActor(catalog, settings, alerts));
}
