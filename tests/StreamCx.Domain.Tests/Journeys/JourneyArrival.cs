using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>One thing the engine does to a <see cref="JourneyProcessor"/>, at <see cref="At"/> on the clock of arrivals.</summary>
internal abstract record JourneyArrival(DateTimeOffset At)
{
    public abstract IReadOnlyList<Alert> ApplyTo(JourneyProcessor processor);
}

/// <summary>A feedback event or a message of the journey family, taken as it arrives (<c>Process</c>).</summary>
internal sealed record MessageArrived(DateTimeOffset At, JourneyInput Message, MessageDelivery Delivery) : JourneyArrival(At)
{
    public override IReadOnlyList<Alert> ApplyTo(JourneyProcessor processor) =>
        Message.Signal is { } signal ? processor.Process(signal) : processor.Process(Message.Feedback!);
}

/// <summary>The frontier of event time moved (<see cref="JourneyProcessor.Advance"/>).</summary>
internal sealed record FrontierReached(DateTimeOffset At, DateTimeOffset Frontier) : JourneyArrival(At)
{
    public override IReadOnlyList<Alert> ApplyTo(JourneyProcessor processor) => processor.Advance(Frontier);
}

/// <summary>How a message came: minutes after it happened, hours late, again hours later (a duplicate), or again days later (its id forgotten: taken anew).</summary>
internal enum MessageDelivery
{
    OnTime,
    Late,
    Resent,
    ResentForgotten,
}
