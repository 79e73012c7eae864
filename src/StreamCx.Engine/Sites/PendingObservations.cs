using Akka.Actor;
using StreamCx.Engine.Attributes;

namespace StreamCx.Engine.Sites;

/// <summary>
/// The ratings a site has taken in but not yet handed to its attribute actors, per attribute and in order: a batch of
/// events then costs one message per attribute instead of one per rating.
/// </summary>
internal sealed class PendingObservations
{
    private readonly Dictionary<string, List<Observe>> _byAttribute = new(StringComparer.Ordinal);
    private readonly List<string> _touched = [];

    public void Add(string attributeId, Observe observe)
    {
        if (!_byAttribute.TryGetValue(attributeId, out var list)) _byAttribute[attributeId] = list = [];
        if (list.Count == 0) _touched.Add(attributeId);
        list.Add(observe);
    }

    /// <summary>Sends each attribute its pending ratings as one <see cref="ObserveBatch"/> and forgets them.</summary>
    public void SendAll(Func<string, IActorRef> attributeActor)
    {
        foreach (var attributeId in _touched)
        {
            var list = _byAttribute[attributeId];
            attributeActor(attributeId).Tell(new ObserveBatch([.. list]));
            list.Clear();
        }
        _touched.Clear();
    }
}
