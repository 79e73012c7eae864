using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Alerts;

/// <summary>Where actors hand their alert emissions; also the engine's wall clock (for emittedAt).</summary>
public interface IAlertPublisher
{
    TimeProvider Clock { get; }

    void Publish(Alert alert);
}
