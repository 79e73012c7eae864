using System.Text;

namespace StreamCx.Domain.Processing;

/// <summary>Where a key goes among a topic's partitions: FNV-1a of its UTF-8 bytes, so every engine places it the same way.</summary>
public static class KeyPartitioner
{
    public static int PartitionOf(string key, int partitions)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key)) hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)partitions);
    }
}
