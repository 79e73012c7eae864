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

    /// <summary>The site's restored snapshot already held this message: it was skipped, not counted again.</summary>
    public bool AlreadyApplied { get; init; }
}
