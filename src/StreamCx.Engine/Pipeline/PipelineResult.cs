using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;

namespace StreamCx.Engine.Pipeline;

/// <summary>What became of one message: applied to its site (with its intake outcome) or rejected with a reason.</summary>
public sealed record PipelineResult(RawFeedback Raw, FeedbackEvent? Event, IntakeOutcome? Outcome, Rejection? Rejection)
{
    public bool IsRejected => Rejection is not null;

    /// <summary>A message of the listening sources (complaint, incident, internal report, social mention), valid.</summary>
    public ListeningEvent? Listening { get; init; }

    /// <summary>A copy of a message for the journeys only (see <see cref="RawFeedback.JourneyParts"/>).</summary>
    public bool JourneyCopy { get; init; }

    /// <summary>Whether this result counts as a message consumed: every one but the journeys' copies of feedback (its site's copy counts) and all copies of a journey message but one.</summary>
    public bool CountsMessage { get; init; } = true;

    /// <summary>The site's restored snapshot already held this message: it was skipped, not counted again.</summary>
    public bool AlreadyApplied { get; init; }
}
