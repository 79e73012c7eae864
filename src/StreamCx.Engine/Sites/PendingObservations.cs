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

    /// <summary>Sends each attribute its pending ratings (one <see cref="Observe"/>, or an <see cref="ObserveBatch"/>) and forgets them.</summary>
    public void SendAll(SiteActor site)
    {
        foreach (var attributeId in _touched)
        {
            var list = _byAttribute[attributeId];
            site.AttributeFor(attributeId).Tell(list.Count == 1 ? list[0] : new ObserveBatch([.. list]));
            list.Clear();
        }
        _touched.Clear();
    }
}
