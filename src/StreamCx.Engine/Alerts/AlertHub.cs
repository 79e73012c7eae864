using System.Reactive.Linq;
using System.Reactive.Subjects;
using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Alerts;

/// <summary>
/// Every alert emission, published once on a System.Reactive subject; subscribers (console, Kafka, live stream,
/// metrics) each get their own view. Publishing is thread-safe: many actors publish at once, and emissions are numbered
/// in the order subscribers get them. The durable sink (the alerts topic's producer, <see cref="SubscribeDurable"/>) says
/// when it has handled each emission, in order; <see cref="WhenHandled"/> tells a snapshot when it may be saved.
/// </summary>
public sealed class AlertHub(TimeProvider clock) : IAlertPublisher, IDisposable
{
    private readonly object _gate = new();
    private readonly Subject<Alert> _subject = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiting = new();
    private long _published;
    private long _handled;
    private bool _durable;

    public TimeProvider Clock { get; } = clock;

    public IObservable<Alert> Alerts => _subject.AsObservable();

    public long Published
    {
        get
        {
            lock (_gate) return _published;
        }
    }

    public void Publish(Alert alert)
    {
        lock (_gate)
        {
            _published++;
            _subject.OnNext(alert);
        }
    }

    /// <summary>
    /// Subscribes the sink that must have every emission before the state that raised it is saved; it calls
    /// <see cref="Handled"/> once per emission, in the order it got them (delivered, or given up on and logged).
    /// </summary>
    public IDisposable SubscribeDurable(IObserver<Alert> sink)
    {
        lock (_gate)
        {
            _durable = true;
            _handled = _published; // what was published before it subscribed is not its to handle
            return _subject.Subscribe(sink);
        }
    }

    /// <summary>The durable sink handled its next emission.</summary>
    public void Handled()
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            _handled++;
            while (_waiting.TryPeek(out var waiter, out var count) && count <= _handled)
            {
                _waiting.Dequeue();
                (done ??= []).Add(waiter);
            }
        }
        foreach (var waiter in done ?? []) waiter.TrySetResult();
    }

    public Task WhenHandled(long count)
    {
        lock (_gate)
        {
            if (!_durable || _handled >= count) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter, count);
            return waiter.Task;
        }
    }

    public void Dispose()
    {
        List<TaskCompletionSource> left;
        lock (_gate)
        {
            _subject.OnCompleted();
            _durable = false;
            left = [.. _waiting.UnorderedItems.Select(w => w.Element)];
            _waiting.Clear();
        }
        foreach (var waiter in left) waiter.TrySetCanceled();
    }
}
