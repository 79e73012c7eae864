using Akka.Streams.Stage;

namespace StreamCx.Kafka;

/// <summary>
/// Pushes records from the consumer's bounded channel on demand, skipping those whose partition was revoked
/// since they were consumed; waits for the channel asynchronously (never blocks the stream). Completes or fails once the channel does, after delivering what it holds.
/// Downstream cancellation or stage stop asks the consumer to stop.
/// </summary>
internal sealed class KafkaSourceLogic : OutGraphStageLogic
{
    private readonly KafkaSourceStage _stage;
    private readonly KafkaConsumerWorker _worker;
    private Action<Task<bool>>? _onReadable;
    private bool _waiting;
    private volatile bool _stopped;

    public KafkaSourceLogic(KafkaSourceStage stage, KafkaConsumerWorker worker)
        : base(stage.Shape)
    {
        _stage = stage;
        _worker = worker;
        SetHandler(stage.Out, this);
    }

    public override void PreStart()
    {
        _onReadable = GetAsyncCallback<Task<bool>>(OnReadable);
        _worker.Start();
    }

    public override void OnPull() => TryPush();

    public override void OnDownstreamFinish(Exception cause)
    {
        _worker.RequestStop();
        base.OnDownstreamFinish(cause);
    }

    public override void PostStop()
    {
        _stopped = true;
        _worker.RequestStop();
    }

    private void TryPush()
    {
        while (_worker.Reader.TryRead(out var tracked))
        {
            if (_worker.TryHandOut(tracked))
            {
                Push(_stage.Out, tracked.Record);
                return;
            }

            // its partition was revoked meanwhile: the next owner reads it again from the committed offset
        }

        if (_waiting)
        {
            return;
        }

        _waiting = true;
        var wait = _worker.Reader.WaitToReadAsync().AsTask();
        if (wait.IsCompleted)
        {
            OnReadable(wait);
        }
        else
        {
            var onReadable = _onReadable!;
            wait.ContinueWith(
                done =>
                {
                    if (!_stopped)
                    {
                        onReadable(done); // no callback into a stopped stage (it would be a dead letter)
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private void OnReadable(Task<bool> wait)
    {
        _waiting = false;
        if (wait.IsCompletedSuccessfully && wait.Result)
        {
            if (IsAvailable(_stage.Out))
            {
                TryPush();
            }

            return;
        }

        var failure = wait.Exception?.GetBaseException() ?? _worker.Failure;
        if (failure is not null)
        {
            FailStage(failure);
        }
        else
        {
            CompleteStage();
        }
    }
}
