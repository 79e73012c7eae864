using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Pipeline;

/// <summary>
/// A batch of messages after parsing: each rejected message already has its result; the valid events, in their order,
/// wait to be applied (<c>ValidIndexes[j]</c> is the position of <c>Valid[j]</c> in the batch); end-of-partition markers
/// keep their place among them for the router, and have a result with neither event nor rejection. What the journeys
/// take (journey messages, which have such a result too, and feedback of a journey or an account, or with a flagged
/// catalog value) is gathered in <see cref="Journey"/>, in batch order: through the region topic, the copies placed for
/// them (<see cref="RawFeedback.JourneyParts"/>) and nothing else.
/// </summary>
internal sealed class ParsedBatch
{
    private ParsedBatch(List<RawFeedback> raw)
    {
        Raw = raw;
        Results = new PipelineResult[raw.Count];
        Valid = new List<ApplyFeedback>(raw.Count);
        ValidIndexes = new List<int>(raw.Count);
    }

    public List<RawFeedback> Raw { get; }

    public PipelineResult[] Results { get; }

    public List<ApplyFeedback> Valid { get; }

    public List<int> ValidIndexes { get; }

    public List<JourneyItem> Journey { get; } = [];

    /// <summary>The messages of the listening sources, in batch order (each has its result, with neither event nor rejection).</summary>
    public List<ListeningItem> Listening { get; } = [];

    /// <summary>The incidents and social mentions of a site, in batch order: to the sites too, for their alerts.</summary>
    public List<ApplySiteListening> SiteListening { get; } = [];

    /// <summary>The journey messages' inputs and times, in their place among the valid events and the caught-up markers.</summary>
    public List<(int AfterEvents, int AfterCaughtUp, string Input, DateTimeOffset At)> Observed { get; } = [];

    /// <summary>Partitions read to their end, each after the first <c>AfterEvents</c> valid events (the router's order).</summary>
    public List<(int AfterEvents, string Input)> CaughtUp { get; } = [];

    /// <summary>The intake's reports on its inputs, each after the first <c>AfterEvents</c> valid events.</summary>
    public List<(int AfterEvents, string Channel, long Offset, IReadOnlyList<Domain.EventTime.InputReport> Reports)> Reports { get; } = [];

    public static ParsedBatch Parse(FeedbackParser parser, List<RawFeedback> raw)
    {
        var parsed = new ParsedBatch(raw);
        for (var i = 0; i < raw.Count; i++)
        {
            var message = raw[i];
            if (message.EndOfPartition)
            {
                parsed.CaughtUp.Add((parsed.Valid.Count, Durability.SnapshotCodec.PartitionKey(message.Position.Topic, message.Position.Partition)));
                parsed.Results[i] = new PipelineResult(message, null, null, null);
                continue;
            }
            if (message.Reports is { } reports)
            {
                parsed.Reports.Add((parsed.Valid.Count, Durability.SnapshotCodec.PartitionKey(message.Position.Topic, message.Position.Partition), message.Position.Offset, reports));
                parsed.Results[i] = new PipelineResult(message, null, null, null);
                continue;
            }
            var outcome = parser.Parse(message.Value.Span);
            if (message.JourneyParts is { } parts)
            {
                parsed.TakeJourneyCopy(outcome, parts, message, i);
                continue;
            }
            if (outcome.Signal is { } signal)
            {
                parsed.Journey.Add(new JourneyItem(JourneyInput.From(signal), message.Position, message.Source));
                parsed.Observe(message, signal.OccurredAt);
            }
            if (outcome.Listening is { } listening)
            {
                parsed.Listening.Add(new ListeningItem(listening, message.Position, message.Source));
                if (FeedbackProcessor.IsForSite(listening)) parsed.SiteListening.Add(new ApplySiteListening(listening, message.Position, message.Input) { AfterEvents = parsed.Valid.Count });
                parsed.Observe(message, listening.OccurredAt);
                parsed.Results[i] = new PipelineResult(message, null, null, null) { Listening = listening };
                continue;
            }
            if (outcome.Event is { } e)
            {
                // through the region topic, the journeys take the copies placed for them (above), not the site's
                if (message.Source is null && (e.JourneyId is not null || e.AccountId is not null || e.Flags != CatalogFlags.None))
                    parsed.Journey.Add(new JourneyItem(JourneyInput.From(e), message.Position));
                parsed.Valid.Add(new ApplyFeedback(e, message.Position) { ConsumedAt = message.ConsumedAt, Input = message.Input, Source = message.Source });
                parsed.ValidIndexes.Add(i);
            }
            else
            {
                parsed.Results[i] = new PipelineResult(message, null, null, outcome.Rejection);
            }
        }
        return parsed;
    }

    /// <summary>A copy of a message placed for the journeys of its partition: theirs only, and its result is no message of a site.</summary>
    private void TakeJourneyCopy(ParseOutcome outcome, JourneyParts parts, RawFeedback message, int i)
    {
        JourneyInput? input = outcome switch
        {
            { Signal: { } s } => JourneyInput.From(s, parts),
            { Event: { } e } => JourneyInput.From(e, parts),
            _ => null,
        };
        if (input is { } taken) Journey.Add(new JourneyItem(taken, message.Position, message.Source));
        Results[i] = new PipelineResult(message, null, null, input is null ? outcome.Rejection : null)
        {
            JourneyCopy = true, CountsMessage = input is null || (outcome.Signal is not null && parts.HasFlag(JourneyParts.Counted)),
        };
    }

    /// <summary>A message that goes to no site still moves its input's time, for the frontier of event time.</summary>
    private void Observe(RawFeedback message, DateTimeOffset at)
    {
        if (message.Input is null) // through the region topic, its input's time is reported by the intake
            Observed.Add((Valid.Count, CaughtUp.Count, Durability.SnapshotCodec.PartitionKey(message.Position.Topic, message.Position.Partition), at));
    }

    /// <summary>Fills in the results of the valid events from their outcomes (index j is <c>Valid[j]</c>).</summary>
    public PipelineResult[] Complete(AppliedOutcome[] outcomes)
    {
        for (var j = 0; j < outcomes.Length; j++)
        {
            var i = ValidIndexes[j];
            Results[i] = new PipelineResult(Raw[i], Valid[j].Event, outcomes[j].Outcome, null) { AlreadyApplied = outcomes[j].AlreadyApplied };
        }
        return Results;
    }
}
