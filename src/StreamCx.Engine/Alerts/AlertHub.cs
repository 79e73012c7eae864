using System.Reactive.Linq;
using System.Reactive.Subjects;
using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Alerts;

/// <summary>
/// Every alert emission, published once on a System.Reactive subject; subscribers (console, Kafka, live stream,
/// metrics) each get their own view. Publishing is thread-safe: many actors publish at once.
/// </summary>
public sealed class AlertHub(TimeProvider clock) : IAlertPublisher, IDisposable
{
    private readonly ISubject<Alert> _subject = Subject.Synchronize(new Subject<Alert>());
    private long _published;

    public TimeProvider Clock { get; } = clock;

    public IObservable<Alert> Alerts => _subject.AsObservable();

    public long Published => Interlocked.Read(ref _published);

    public void Publish(Alert alert)
    {
        Interlocked.Increment(ref _published);
        _subject.OnNext(alert);
    }

    public void Dispose() => _subject.OnCompleted();
}
