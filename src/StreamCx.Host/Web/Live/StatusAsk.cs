using Akka.Actor;
using Akka.Hosting;

namespace StreamCx.Host.Web.Live;

/// <summary>A part of <c>/api/status</c> asked of an actor: null when it is not running or does not answer within a second.</summary>
public static class StatusAsk
{
    public static async Task<TStatus?> AskAsync<TActor, TStatus>(ActorRegistry registry, object question, CancellationToken ct) where TStatus : class
    {
        if (!registry.TryGet<TActor>(out var actor)) return null;
        try
        {
            return await actor.Ask<TStatus>(question, TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
