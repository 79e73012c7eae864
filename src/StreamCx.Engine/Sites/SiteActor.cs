using Akka.Actor;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Attributes;
using StreamCx.Engine.Regions;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Sites;

/// <summary>
/// One site: dedups and classifies its events (<see cref="SiteIntake"/>), fans the ratings out to one child per
/// attribute, and relays its region's views to those children. The unit of distribution.
/// </summary>
public sealed class SiteActor : ReceiveActor
{
    private readonly Dictionary<string, IActorRef> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeTotals> _totals = new(StringComparer.Ordinal);
    private readonly IEngineTelemetry _telemetry;

    private static readonly TimeSpan ScoreTimeout = TimeSpan.FromSeconds(5);

    public SiteActor(Site site, ReferenceCatalog catalog, DetectionSettings settings, IActorRef region, IAlertPublisher alerts, IEngineTelemetry telemetry)
    {
        _telemetry = telemetry;
        var intake = new SiteIntake(site, settings);
        region.Tell(new RegisterSite(site.SiteId, Self));

        Receive<ApplyFeedback>(m =>
        {
            var outcome = intake.Admit(m.Event);
            if (outcome != IntakeOutcome.Duplicate)
            {
                foreach (var observation in SiteIntake.Observations(m.Event))
                {
                    AttributeFor(observation.AttributeId).Tell(new Observe(observation, outcome.ToLateness()) { ConsumedAt = m.ConsumedAt });
                    _totals[observation.AttributeId] = (_totals.TryGetValue(observation.AttributeId, out var t) ? t : default)
                        .Add(observation.Value, outcome == IntakeOutcome.TooLate);
                }
            }
            Sender.Tell(new FeedbackApplied(m.Event.EventId, outcome));
        });
        Receive<RegionUpdate>(m =>
        {
            if (_attributes.TryGetValue(m.Snapshot.AttributeId, out var child)) child.Tell(m);
        });
        Receive<GetSiteScores>(_ =>
        {
            var headline = intake.Headline.Current;
            var totals = new Dictionary<string, AttributeTotals>(_totals);
            var asks = _attributes.Values.Select(child => child.Ask<AttributeScore>(GetAttributeScore.Default, ScoreTimeout)).ToArray();
            Task.WhenAll(asks).PipeTo(Sender, success: scores =>
                new SiteScores(site.SiteId, headline, totals, scores.ToDictionary(s => s.AttributeId, StringComparer.Ordinal)));
        });

        IActorRef AttributeFor(string attributeId)
        {
            if (!_attributes.TryGetValue(attributeId, out var child))
            {
                var props = Props.Create(() => new AttributeActor(site, catalog.Attribute(attributeId), settings, region, alerts, telemetry));
                _attributes[attributeId] = child = Context.ActorOf(props, $"attribute-{_attributes.Count}");
            }
            return child;
        }
    }

    protected override void PreStart() => _telemetry.ActorStarted(EngineActorKind.Site);

    protected override void PostStop() => _telemetry.ActorStopped(EngineActorKind.Site);
}
