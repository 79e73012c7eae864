using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;

namespace StreamCx.Domain.Tests.Listening;

/// <summary>One thing the engine does to a <see cref="ListeningProcessor"/>, at <see cref="At"/> on the clock of arrivals.</summary>
internal abstract record ListeningStep(DateTimeOffset At)
{
    public abstract IReadOnlyList<Alert> ApplyTo(ListeningProcessor processor);
}

/// <summary>A listening message offered as it arrives (<see cref="ListeningProcessor.Offer"/>).</summary>
internal sealed record Offered(DateTimeOffset At, ListeningEvent Message, Delivery Delivery) : ListeningStep(At)
{
    public override IReadOnlyList<Alert> ApplyTo(ListeningProcessor processor) => processor.Offer(Message);
}

/// <summary>A feedback event taken as it arrives (<see cref="ListeningProcessor.OfferFeedback"/>: observed, and held for the channels).</summary>
internal sealed record Observed(DateTimeOffset At, FeedbackEvent Feedback) : ListeningStep(At)
{
    public override IReadOnlyList<Alert> ApplyTo(ListeningProcessor processor) => processor.OfferFeedback(Feedback);
}

/// <summary>The frontier of event time moved (<see cref="ListeningProcessor.Advance"/>).</summary>
internal sealed record FrontierMoved(DateTimeOffset At, DateTimeOffset Frontier) : ListeningStep(At)
{
    public override IReadOnlyList<Alert> ApplyTo(ListeningProcessor processor) => processor.Advance(Frontier);
}

/// <summary>How a message came: minutes after it happened, hours late (behind the frontier), again hours later, or again within a minute with another reason.</summary>
internal enum Delivery
{
    OnTime,
    Late,
    ResentLate,
    ResentCorrected,
}
