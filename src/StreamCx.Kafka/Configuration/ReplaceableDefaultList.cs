using System.Collections;

namespace StreamCx.Kafka;

/// <summary>
/// A list that starts with default items which the first <see cref="Add"/> discards. It lets a settings
/// class keep a visible default while Microsoft.Extensions.Configuration's binder (which appends to an
/// existing list instead of replacing it) still ends up with exactly the configured items.
/// </summary>
internal sealed class ReplaceableDefaultList<T> : IList<T>, IReadOnlyList<T>
{
    private readonly List<T> _items;
    private bool _holdsDefaults;

    public ReplaceableDefaultList(params T[] defaults)
    {
        _items = [.. defaults];
        _holdsDefaults = true;
    }

    public int Count => _items.Count;

    public bool IsReadOnly => false;

    public T this[int index]
    {
        get => _items[index];
        set
        {
            _items[index] = value;
            _holdsDefaults = false;
        }
    }

    public void Add(T item)
    {
        if (_holdsDefaults)
        {
            _items.Clear();
            _holdsDefaults = false;
        }

        _items.Add(item);
    }

    public void Clear()
    {
        _items.Clear();
        _holdsDefaults = false;
    }

    public void Insert(int index, T item)
    {
        _items.Insert(index, item);
        _holdsDefaults = false;
    }

    public bool Remove(T item)
    {
        _holdsDefaults = false;
        return _items.Remove(item);
    }

    public void RemoveAt(int index)
    {
        _items.RemoveAt(index);
        _holdsDefaults = false;
    }

    public bool Contains(T item) => _items.Contains(item);

    public int IndexOf(T item) => _items.IndexOf(item);

    public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
