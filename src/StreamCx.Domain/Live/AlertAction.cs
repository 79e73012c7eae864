using System.Text;

namespace StreamCx.Domain.Live;

/// <summary>A person's action on an alert (acknowledge, resolve by hand): who, when (server clock) and an optional note.</summary>
public sealed record AlertAction(string By, DateTimeOffset At, string? Note)
{
    public const int MaxByLength = 100;
    public const int MaxNoteLength = 2000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks the input: <paramref name="by"/> required (1..100 characters, one line), note optional (up to 2000).</summary>
    public static (AlertAction? Action, string? Error) Create(string? by, string? note, DateTimeOffset at)
    {
        by = by?.Trim();
        if (string.IsNullOrEmpty(by)) return (null, "by: who acknowledges is required");
        if (by.Length > MaxByLength) return (null, $"by: at most {MaxByLength} characters, got {by.Length}");
        if (by.Any(char.IsControl)) return (null, "by: control characters are not allowed");
        if (!IsWellFormed(by)) return (null, "by: not well-formed Unicode text");
        note = note?.Trim();
        if (string.IsNullOrEmpty(note)) note = null;
        if (note is not null)
        {
            if (note.Length > MaxNoteLength) return (null, $"note: at most {MaxNoteLength} characters, got {note.Length}");
            if (note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return (null, "note: control characters other than line breaks and tabs are not allowed");
            if (!IsWellFormed(note)) return (null, "note: not well-formed Unicode text");
        }
        return (new AlertAction(by, at, note), null);
    }

    private static bool IsWellFormed(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
