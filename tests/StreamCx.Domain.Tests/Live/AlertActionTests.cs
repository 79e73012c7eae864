using StreamCx.Domain.Live;

namespace StreamCx.Domain.Tests.Live;

public class AlertActionTests
{
    private static readonly DateTimeOffset At = TestAlerts.T0;

    [Fact]
    public void Who_is_trimmed_and_an_empty_note_is_no_note()
    {
        var (action, error) = AlertAction.Create("  Léa  ", "   ", At);
        Assert.Null(error);
        Assert.Equal(new AlertAction("Léa", At, null), action);
    }

    [Fact]
    public void A_note_keeps_its_line_breaks_and_tabs()
    {
        Assert.Equal("line 1\n\tline 2", AlertAction.Create("Léa", "line 1\n\tline 2", At).Action!.Note);
    }

    [Theory]
    [InlineData(null, null, "by:")]
    [InlineData("", null, "by:")]
    [InlineData("   ", null, "by:")]
    [InlineData("a\nb", null, "by:")]
    [InlineData("a\u0000b", null, "by:")]
    [InlineData("Léa", "bell \u0007", "note:")]
    [InlineData("Léa", "escape \u001b[2J", "note:")]
    public void Bad_input_is_refused_with_the_field_named(string? by, string? note, string named)
    {
        var (action, error) = AlertAction.Create(by, note, At);
        Assert.Null(action);
        Assert.StartsWith(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_well_formed_Unicode_is_refused()
    {
        Assert.StartsWith("by:", AlertAction.Create("\ud800", null, At).Error, StringComparison.Ordinal);
        Assert.StartsWith("note:", AlertAction.Create("Léa", "half \udc00 surrogate", At).Error, StringComparison.Ordinal);
        Assert.NotNull(AlertAction.Create("Léa 😀", "ok 😀", At).Action);
    }

    [Fact]
    public void Lengths_are_bounded()
    {
        Assert.NotNull(AlertAction.Create(new string('x', AlertAction.MaxByLength), new string('y', AlertAction.MaxNoteLength), At).Action);
        Assert.StartsWith("by:", AlertAction.Create(new string('x', AlertAction.MaxByLength + 1), null, At).Error, StringComparison.Ordinal);
        Assert.StartsWith("note:", AlertAction.Create("Léa", new string('y', AlertAction.MaxNoteLength + 1), At).Error, StringComparison.Ordinal);
    }
}
