using System.Text;
using StreamCx.Host.Replay;

namespace StreamCx.Host.Tests.Replay;

/// <summary>Splitting a replay file into numbered lines of raw bytes.</summary>
public sealed class ReplayInputTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"replay-input-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    private List<(long Line, string Text)> Read(byte[] content)
    {
        File.WriteAllBytes(_path, content);
        return ReplayInput.ReadLines(_path).Select(l => (l.Line, Encoding.Latin1.GetString(l.Bytes))).ToList();
    }

    [Fact]
    public void Lines_are_numbered_from_one_with_blank_ones_skipped_and_carriage_returns_removed()
    {
        var lines = Read(Encoding.UTF8.GetBytes("a\r\n\n  \t\nb\n\r\nc"));
        Assert.Equal([(1L, "a"), (4L, "b"), (6L, "c")], lines);
    }

    [Fact]
    public void An_empty_file_has_no_line_and_a_final_newline_adds_none()
    {
        Assert.Empty(Read([]));
        Assert.Equal([(1L, "x")], Read("x\n"u8.ToArray()));
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_come_out_whole()
    {
        var longLine = new string('x', (1 << 20) * 2 + 123);
        var lines = Read(Encoding.ASCII.GetBytes($"first\n{longLine}\nlast\n{longLine}"));
        Assert.Equal(4, lines.Count);
        Assert.Equal((1L, "first"), lines[0]);
        Assert.Equal((2L, longLine), lines[1]);
        Assert.Equal((3L, "last"), lines[2]);
        Assert.Equal((4L, longLine), lines[3]);
    }

    [Fact]
    public void Bytes_are_kept_as_they_are_even_when_they_are_not_utf8()
    {
        var file = new byte[] { (byte)'{', 0xC3, 0x28, 0xFF, (byte)'}', (byte)'\n', 0x00, (byte)'\n' };
        File.WriteAllBytes(_path, file);
        var lines = ReplayInput.ReadLines(_path).ToList();
        Assert.Equal(new byte[] { (byte)'{', 0xC3, 0x28, 0xFF, (byte)'}' }, lines[0].Bytes);
        Assert.Equal(new byte[] { 0x00 }, lines[1].Bytes);
    }

    [Fact]
    public void Many_short_lines_across_buffer_boundaries_are_all_read_in_order()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 200_000; i++) text.Append(i).Append('\n');
        var lines = Read(Encoding.ASCII.GetBytes(text.ToString()));
        Assert.Equal(200_000, lines.Count);
        Assert.All(lines, l => Assert.Equal(l.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Text));
    }
}
