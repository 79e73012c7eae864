using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Tests.Alerting;

public sealed class VerbatimBufferTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Verbatim V(int i, string? text = null) => new($"e-{i}", T0.AddMinutes(i), "store", text ?? $"comment {i}", i % 10);

    [Fact]
    public void A_verbatim_within_the_length_limit_is_kept_as_given()
    {
        var buffer = new VerbatimBuffer(3);
        var v = V(1, new string('a', VerbatimBuffer.MaxTextLength));

        buffer.Add(v, dissatisfied: true);

        Assert.Same(v, Assert.Single(buffer.Pick()));
    }

    [Fact]
    public void A_longer_text_is_cut_at_the_limit_with_an_ellipsis_and_the_rest_kept()
    {
        var buffer = new VerbatimBuffer(3);
        var v = V(1, new string('a', VerbatimBuffer.MaxTextLength + 20));

        buffer.Add(v, dissatisfied: true);

        var kept = Assert.Single(buffer.Pick());
        Assert.Equal(new string('a', VerbatimBuffer.MaxTextLength) + "…", kept.Text);
        Assert.Equal(v with { Text = kept.Text }, kept);
    }

    [Fact]
    public void Blank_comments_and_a_zero_capacity_keep_nothing()
    {
        var none = new VerbatimBuffer(0);
        none.Add(V(1), dissatisfied: true);
        var buffer = new VerbatimBuffer(3);
        buffer.Add(V(2, "   "), dissatisfied: true);

        Assert.Empty(none.Pick());
        Assert.Empty(buffer.Pick());
        Assert.Empty(buffer.Entries);
    }

    [Fact]
    public void Pick_shows_only_comments_of_dissatisfied_ratings_newest_first()
    {
        var buffer = new VerbatimBuffer(3);
        for (var i = 1; i <= 6; i++) buffer.Add(V(i), dissatisfied: i is 2 or 3);

        Assert.Equal(["e-3", "e-2"], buffer.Pick().Select(v => v.EventId));
    }

    [Fact]
    public void It_keeps_the_latest_dissatisfied_comments_up_to_its_capacity_in_order()
    {
        var buffer = new VerbatimBuffer(2);
        for (var i = 1; i <= 10; i++) buffer.Add(V(i), dissatisfied: i % 2 == 0);

        Assert.Equal(["e-8", "e-10"], buffer.Entries.Select(e => e.Verbatim.EventId));
        Assert.All(buffer.Entries, e => Assert.True(e.Dissatisfied));
    }

    [Fact]
    public void Entries_restored_into_another_buffer_give_the_same_entries_and_picks()
    {
        var buffer = new VerbatimBuffer(3);
        for (var i = 1; i <= 7; i++) buffer.Add(V(i), dissatisfied: i % 3 == 0);
        var restored = new VerbatimBuffer(3);

        restored.Restore(buffer.Entries);

        Assert.Equal(buffer.Entries, restored.Entries);
        Assert.Equal(buffer.Pick(), restored.Pick());
    }
}
