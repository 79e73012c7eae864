namespace StreamCx.Host.Replay;

/// <summary>
/// The lines of a replay file as raw bytes (so invalid UTF-8 is reported, not silently replaced), numbered from 1,
/// blank lines skipped, a trailing '\r' removed. Read through one large buffer: no per-byte calls.
/// </summary>
public static class ReplayInput
{
    private const int BufferSize = 1 << 20;

    public static IEnumerable<(long Line, byte[] Bytes)> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        var filled = 0;
        long line = 0;
        var pending = new List<byte[]>(); // pieces of a line longer than the buffer
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            var end = filled + read;
            var start = 0;
            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', start, end - start)) >= 0)
            {
                line++;
                var bytes = Join(pending, buffer.AsSpan(start, newline - start));
                if (Keep(ref bytes)) yield return (line, bytes);
                start = newline + 1;
            }
            if (read == 0)
            {
                if (end > start || pending.Count > 0)
                {
                    var bytes = Join(pending, buffer.AsSpan(start, end - start));
                    if (Keep(ref bytes)) yield return (line + 1, bytes);
                }
                yield break;
            }
            if (start == 0 && end == buffer.Length)
            {
                pending.Add(buffer.AsSpan(0, end).ToArray()); // no newline in a full buffer: keep it and read on
                filled = 0;
                continue;
            }
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            filled = end - start;
        }
    }

    private static byte[] Join(List<byte[]> pending, ReadOnlySpan<byte> last)
    {
        if (pending.Count == 0) return last.ToArray();
        var bytes = new byte[pending.Sum(p => p.Length) + last.Length];
        var at = 0;
        foreach (var piece in pending)
        {
            piece.CopyTo(bytes, at);
            at += piece.Length;
        }
        last.CopyTo(bytes.AsSpan(at));
        pending.Clear();
        return bytes;
    }

    private static bool Keep(ref byte[] bytes)
    {
        if (bytes.Length > 0 && bytes[^1] == '\r') bytes = bytes[..^1];
        foreach (var c in bytes) if (c is not ((byte)' ' or (byte)'\t')) return true;
        return false;
    }
}
