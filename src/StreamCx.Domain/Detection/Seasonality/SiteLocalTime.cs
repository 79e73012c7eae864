namespace StreamCx.Domain.Detection.Seasonality;

/// <summary>
/// Maps UTC hours to the site's local hour of the week (0 = Monday 00:00 … 167 = Sunday 23:00), so that daily and weekly
/// rhythms are learned in the time customers live in and a DST change moves nothing. With an IANA time zone (the site
/// registry's <c>timeZone</c>) the zone's rules give the offset; without one, the offset the events' own
/// <c>occurredAt</c> carries: each change of it (seen on a newest event, so in event-time order) is remembered from
/// its hour on, the last <see cref="MaxOffsetChanges"/> of them.
/// </summary>
public sealed class SiteLocalTime
{
    public const int MaxOffsetChanges = 8;
    private const int HoursPerWeek = 168;
    private const int CacheSize = 64;
    private readonly TimeZoneInfo? _zone;
    private readonly List<OffsetChange> _changes = [];
    // direct-mapped cache of the zone's answers (hour + 1, so 0 means empty): a zone lookup costs far more than a bucket
    private readonly long[] _cachedHour = new long[CacheSize];
    private readonly int[] _cachedHourOfWeek = new int[CacheSize];

    public SiteLocalTime(TimeZoneInfo? zone) => _zone = zone;

    /// <summary>The zone of an IANA id, or null when none is given.</summary>
    public static SiteLocalTime For(string? timeZone) =>
        new(string.IsNullOrEmpty(timeZone) ? null : TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    public bool HasZone => _zone is not null;

    /// <summary>The offsets events carried, oldest first (empty with a zone).</summary>
    public IReadOnlyList<OffsetChange> OffsetChanges => _changes;

    /// <summary>A newest event's time: remembers its offset from its hour on when it differs from the current one.</summary>
    public void Observe(DateTimeOffset newest)
    {
        if (_zone is not null) return;
        var minutes = (int)newest.Offset.TotalMinutes;
        if (_changes.Count > 0 && _changes[^1].OffsetMinutes == minutes) return;
        var hour = newest.UtcTicks / TimeSpan.TicksPerHour;
        if (_changes.Count > 0 && _changes[^1].FromUtcHour >= hour) _changes.RemoveAt(_changes.Count - 1);
        _changes.Add(new OffsetChange(hour, minutes));
        if (_changes.Count > MaxOffsetChanges) _changes.RemoveAt(0);
    }

    public void Restore(IReadOnlyList<OffsetChange>? changes)
    {
        _changes.Clear();
        if (changes is not null) _changes.AddRange(changes);
    }

    /// <summary>Local hour of the week (0 = Monday 00:00) of the UTC hour <paramref name="utcHour"/> (hours since 1 January 0001 UTC, as bucket indices count).</summary>
    public int HourOfWeek(long utcHour)
    {
        if (_zone is null) return Local(utcHour, OffsetMinutesAt(utcHour));
        var slot = (int)(utcHour & (CacheSize - 1));
        if (_cachedHour[slot] == utcHour + 1) return _cachedHourOfWeek[slot];
        var offset = _zone.GetUtcOffset(new DateTimeOffset(utcHour * TimeSpan.TicksPerHour, TimeSpan.Zero));
        var how = Local(utcHour, (int)offset.TotalMinutes);
        _cachedHour[slot] = utcHour + 1;
        _cachedHourOfWeek[slot] = how;
        return how;
    }

    /// <summary>A local time's name for explanations, e.g. "a Saturday afternoon" (made once: detectors ask it per signal).</summary>
    public static string PartOfWeek(int hourOfWeek) => PartsOfWeek[hourOfWeek];

    private static readonly string[] PartsOfWeek = Enumerable.Range(0, HoursPerWeek).Select(how =>
    {
        var day = (DayOfWeek)(((how / 24) + 1) % 7);
        var part = (how % 24) switch { < 6 => "night", < 12 => "morning", < 14 => "lunchtime", < 18 => "afternoon", _ => "evening" };
        return $"a {day} {part}";
    }).ToArray();

    private int OffsetMinutesAt(long utcHour)
    {
        if (_changes.Count == 0) return 0;
        for (var i = _changes.Count - 1; i > 0; i--) if (_changes[i].FromUtcHour <= utcHour) return _changes[i].OffsetMinutes;
        return _changes[0].OffsetMinutes;
    }

    private static int Local(long utcHour, int offsetMinutes)
    {
        // floor of the local hour; hour 0 (DateTimeOffset's tick 0, 1 January 0001) was a Monday 00:00
        var localHour = Math.DivRem((utcHour * 60) + offsetMinutes, 60, out var rem) - (rem < 0 ? 1 : 0);
        return (int)(((localHour % HoursPerWeek) + HoursPerWeek) % HoursPerWeek);
    }

    /// <summary>From UTC hour <paramref name="FromUtcHour"/> on, events carried this offset.</summary>
    public readonly record struct OffsetChange(long FromUtcHour, int OffsetMinutes);
}
