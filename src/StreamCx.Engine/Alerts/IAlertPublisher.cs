using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Alerts;

/// <summary>Where actors hand their alert emissions; also the engine's wall clock (for emittedAt).</summary>
public interface IAlertPublisher
{
    TimeProvider Clock { get; }

    void Publish(Alert alert);

    /// <summary>Emissions published so far (the number of the last one).</summary>
    long Published => 0;

    /// <summary>
    /// Completes once the first <paramref name="count"/> emissions are handled by the durable sink (the alerts topic): a
    /// snapshot of the state that raised them is saved only then, so that a crash cannot keep the state and lose the emission.
    /// </summary>
    Task WhenHandled(long count) => Task.CompletedTask;
}
