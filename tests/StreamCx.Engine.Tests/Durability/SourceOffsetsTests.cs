using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Tests.Durability;

/// <summary>A copy forwarded again from a source partition's committed offset is recognised by its source position, however old.</summary>
public sealed class SourceOffsetsTests
{
    [Fact]
    public void A_message_at_or_below_the_highest_source_offset_taken_from_its_partition_is_a_copy()
    {
        var sources = new SourceOffsets();
        Assert.True(sources.Take(new SourcePosition("feedback", 0, 10)));
        Assert.True(sources.Take(new SourcePosition("feedback", 0, 11)));
        Assert.True(sources.Take(new SourcePosition("feedback", 1, 3))); // partitions apart

        Assert.False(sources.Take(new SourcePosition("feedback", 0, 10))); // forwarded again after a restart
        Assert.False(sources.Take(new SourcePosition("feedback", 0, 11)));
        Assert.True(sources.Take(new SourcePosition("feedback", 0, 12)));

        var restored = new SourceOffsets();
        restored.Restore(sources.Capture());
        Assert.False(restored.Take(new SourcePosition("feedback", 0, 12)));
        Assert.False(restored.Take(new SourcePosition("feedback", 1, 3)));
        Assert.True(restored.Take(new SourcePosition("feedback", 1, 4)));
    }
}
