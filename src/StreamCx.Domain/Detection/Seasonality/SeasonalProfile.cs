namespace StreamCx.Domain.Detection.Seasonality;

/// <summary>
/// The attribute's usual rhythm in the site's local time (<see cref="SiteLocalTime"/>): a daily profile (24 local hours)
/// and, on top of it, a weekly one (168 hours of the week) holding how far each hour of the week usually sits from its
/// hour of the day — the weekday afternoon that is always worse, the quiet Sunday morning.
/// </summary>
/// <remarks>
/// Each closed hour's mean teaches both. The daily slot learns the hour's mean less the weekly part already learned, so a
/// weekly dip does not leak into the other days; its variance is the day-to-day spread of the hour around what was
/// expected. The weekly slot learns the hour's mean against its daily slot, smoothed over weeks, and is used shrunk
/// towards the daily profile as an empirical-Bayes estimate: after n weeks it counts n·p / (n·p + v), where p is the
/// prior variance of a weekly effect ((<see cref="DetectionSettings.WeeklyEffectSpread"/> × range)²) and v the hour's
/// day-to-day variance (its sampling noise included). A busy site's Saturday dip is about half-believed after one week
/// and mostly after three; a quiet site's hour of the week, whose mean is mostly noise, barely moves its daily profile.
/// With a region (<see cref="RegionalProfiles"/>), the shrinkage is hierarchical: the weekly slots of the region's
/// sites, each weighted by its precision 1 / (v/n + q), q = (<see cref="DetectionSettings.SiteWeeklyEffectSpread"/> ×
/// range)², give the region's effect ω̂ (variance 1 / Σ weights), shrunk towards 0 as ω = ω̂·p / (p + var ω̂); the
/// site's own slot is then shrunk towards ω instead of 0: ω + (ŵ − ω)·n·q / (n·q + v). A region's usual Saturday afternoon
/// is believed after one week; a site alone (or q = 0 and one site) gives the single-site estimate above. The region's
/// effects are read when this profile learns (and kept in the snapshot: <see cref="RegionalWeekly"/>), so a profile's
/// expectations change only with its own hours.
/// A daily slot is used once it has seen
/// <see cref="DetectionSettings.MinProfileDays"/> days; in the site-attribute's learning days an hour whose slot is not
/// learned yet takes the region's daily shape when the region knows it and <see cref="DetectionSettings.BorrowRegionalDailyShape"/>
/// is on (<see cref="Borrows"/>; read with the weekly effects, and kept in the snapshot: <see cref="RegionalDaily"/>);
/// otherwise an unlearned hour has no offset (the level).
/// </remarks>
public sealed class SeasonalProfile
{
    public const int HoursPerDay = 24;
    public const int HoursPerWeek = 168;
    private readonly Slot[] _daily = new Slot[HoursPerDay];
    private readonly Slot[] _weekly = new Slot[HoursPerWeek];
    private readonly double _smoothing;
    private readonly double _weeklySmoothing;
    private readonly int _minDays;
    private readonly double _weeklyPrior;
    private readonly double _siteWeeklyPrior;
    private readonly double[] _regional = new double[HoursPerWeek];
    private readonly double?[] _regionalDaily = new double?[HoursPerDay];
    private readonly bool _borrow;
    private long? _firstHour;
    private RegionalProfiles? _region;
    private bool _regionalStale;
    private double _level = double.NaN;
    private int _learnedSlots;
    // the last hour read on the hot path (consecutive buckets share their hour)
    private long _cachedHour = long.MinValue;
    private int _cachedVersion = -1;
    private double _cachedOffset;

    /// <param name="range">The attribute's scale range (max − min).</param>
    public SeasonalProfile(DetectionSettings settings, SiteLocalTime local, double range)
    {
        _smoothing = settings.ProfileSmoothing;
        _weeklySmoothing = settings.WeeklyProfileSmoothing;
        _minDays = settings.MinProfileDays;
        _weeklyPrior = (settings.WeeklyEffectSpread * range) * (settings.WeeklyEffectSpread * range);
        _siteWeeklyPrior = (settings.SiteWeeklyEffectSpread * range) * (settings.SiteWeeklyEffectSpread * range);
        _borrow = settings.BorrowRegionalDailyShape;
        Local = local;
    }

    public SiteLocalTime Local { get; }

    /// <summary>Changes whenever the profile does: lets readers keep what they derived from it.</summary>
    public int Version { get; private set; }

    /// <summary>Mean of the learned daily slots: the attribute's level over a day.</summary>
    public double Level => _level;

    /// <summary>Whether every hour of the day has been learned (a site open around the clock).</summary>
    public bool IsFullyLearned => _learnedSlots == HoursPerDay;

    /// <summary>How many hours of the day are learned.</summary>
    public int LearnedHours => _learnedSlots;

    public IReadOnlyList<Slot> Daily => _daily;

    public IReadOnlyList<Slot> Weekly => _weekly;

    /// <summary>The region's weekly effect per local hour of the week, as read at this profile's last hour learned.</summary>
    public IReadOnlyList<double> RegionalWeekly
    {
        get
        {
            RefreshRegionalIfStale();
            return _regional;
        }
    }

    /// <summary>The region's daily shape per local hour of the day, as read at this profile's last hour closed (null: not known).</summary>
    public IReadOnlyList<double?> RegionalDaily
    {
        get
        {
            RefreshRegionalIfStale();
            return _regionalDaily;
        }
    }

    /// <summary>Pools this profile's weekly slots with the region's sites (null: alone). Called by <see cref="RegionalProfiles"/>.</summary>
    internal void ShareWith(RegionalProfiles? region)
    {
        _region = region;
        _regionalStale = true;
        Version++;
    }

    /// <summary>Whether the usual level of the local hour of UTC hour <paramref name="utcHour"/> is known: learned here, or borrowed.</summary>
    public bool IsLearned(long utcHour) => _daily[Local.HourOfWeek(utcHour) % HoursPerDay].Days >= _minDays || Borrows(utcHour);

    /// <summary>
    /// Whether the local hour of UTC hour <paramref name="utcHour"/> takes the region's daily shape: the site-attribute is in
    /// its learning days (its first <see cref="DetectionSettings.MinProfileDays"/> days from <see cref="Began"/>), has not
    /// learned the hour, and the region knows it. Only then: a site-attribute past its learning days keeps to what it has
    /// learned itself, so that a move the region's busy sites learn does not leak into the expectations of its quiet ones.
    /// </summary>
    public bool Borrows(long utcHour)
    {
        if (!_borrow || _region is null || !Young(utcHour)) return false;
        var hour = Local.HourOfWeek(utcHour) % HoursPerDay;
        if (_daily[hour].Days >= _minDays) return false;
        RefreshRegionalIfStale();
        return _regionalDaily[hour] is not null;
    }

    /// <summary>The site-attribute's first hour with responses (the drift's): its learning days are counted from it. The first call counts.</summary>
    public void Began(long firstHour) => _firstHour ??= firstHour;

    private bool Young(long utcHour) => _firstHour is not { } first || utcHour - first < (long)_minDays * 24;

    /// <summary>How far this site's own learned slot of a local hour of the day sits from its level (null: not learned).</summary>
    internal double? OwnOffset(int hourOfDay) =>
        _daily[hourOfDay].Days >= _minDays && double.IsFinite(_level) ? _daily[hourOfDay].Mean - _level : null;

    /// <summary>The usual mean at UTC hour <paramref name="utcHour"/>: its local hour of the day plus its weekly part.</summary>
    public double Expected(long utcHour)
    {
        var how = Local.HourOfWeek(utcHour);
        return _daily[how % HoursPerDay].Mean + WeeklyPart(how);
    }

    /// <summary>
    /// The usual mean and day-to-day variance at UTC hour <paramref name="utcHour"/> when its local hour is learned (one
    /// local-time lookup for the three answers: the expectation detector asks them per bucket).
    /// </summary>
    public bool TryExpected(long utcHour, out double expected, out double variance)
    {
        var how = Local.HourOfWeek(utcHour);
        ref readonly var d = ref _daily[how % HoursPerDay];
        if (d.Days < _minDays)
        {
            expected = variance = 0;
            return false;
        }
        expected = d.Mean + WeeklyPart(how);
        variance = d.Variance;
        return true;
    }

    /// <summary>The day-to-day variance of the local hour of UTC hour <paramref name="utcHour"/> around what was expected.</summary>
    public double DayToDayVariance(long utcHour) => _daily[Local.HourOfWeek(utcHour) % HoursPerDay].Variance;

    /// <summary>How far UTC hour <paramref name="utcHour"/> usually sits from the level (0 while its hour is not learned). Read per bucket.</summary>
    public double Offset(long utcHour)
    {
        if (utcHour == _cachedHour && Version == _cachedVersion) return _cachedOffset;
        var how = Local.HourOfWeek(utcHour);
        ref readonly var d = ref _daily[how % HoursPerDay];
        _cachedOffset = d.Days >= _minDays ? d.Mean + WeeklyPart(how) - _level
            : Borrows(utcHour) ? _regionalDaily[how % HoursPerDay]!.Value + WeeklyPart(how)
            : 0;
        _cachedHour = utcHour;
        _cachedVersion = Version;
        return _cachedOffset;
    }

    /// <summary>The local time's name for explanations, e.g. "a Saturday afternoon".</summary>
    public string PartOfWeek(long utcHour) => SiteLocalTime.PartOfWeek(Local.HourOfWeek(utcHour));

    /// <summary>Learns one closed hour's mean.</summary>
    public void Learn(long utcHour, double hourMean)
    {
        var how = Local.HourOfWeek(utcHour);
        ref var d = ref _daily[how % HoursPerDay];
        ref var w = ref _weekly[how];
        var weekly = WeeklyPart(how);
        var before = d;
        var deseasonalized = hourMean - weekly;
        if (d.Days == 0)
        {
            d = new Slot(1, deseasonalized, 0);
        }
        else
        {
            var deviation = hourMean - (d.Mean + weekly);
            var alpha = Math.Max(_smoothing, 1.0 / (d.Days + 1));
            d = new Slot(d.Days + 1, d.Mean + (alpha * (deseasonalized - d.Mean)), ((1 - alpha) * d.Variance) + (alpha * deviation * deviation));
        }
        if (before.Days > 0)
        {
            var residual = hourMean - before.Mean;
            var alpha = Math.Max(_weeklySmoothing, 1.0 / (w.Days + 1));
            w = w.Days == 0 ? new Slot(1, residual, 0) : new Slot(w.Days + 1, w.Mean + (alpha * (residual - w.Mean)), ((1 - alpha) * w.Variance) + (alpha * (residual - w.Mean) * (residual - w.Mean)));
        }
        Summarize(changedHourOfDay: how % HoursPerDay);
    }

    /// <summary>
    /// An hour closed without enough responses to be learned: the region's tables are read again, so that a site-attribute
    /// in its learning days borrows for its quiet hours what the region has learned since.
    /// </summary>
    public void Closed(long utcHour)
    {
        if (_region is null || !_borrow || !Young(utcHour)) return;
        RefreshRegionalIfStale();
        var same = true;
        for (var hour = 0; same && hour < HoursPerDay; hour++) same = _regionalDaily[hour] == _region.DailyShape[hour];
        for (var how = 0; same && how < HoursPerWeek; how++) same = _regional[how] == _region.Effects[how];
        if (same) return;
        _regionalStale = true;
        RefreshRegionalIfStale();
        Version++;
    }

    /// <param name="regional">The region's weekly effects saved with the profile; null (an older snapshot): read again from the region.</param>
    /// <param name="regionalDaily">The region's daily shape saved with the profile; null (an older snapshot): read again from the region.</param>
    /// <param name="firstHour">The site-attribute's first hour with responses, if it had any (<see cref="Began"/>).</param>
    public void Restore(IReadOnlyList<Slot>? daily, IReadOnlyList<Slot>? weekly, IReadOnlyList<double>? regional = null, IReadOnlyList<double?>? regionalDaily = null, long? firstHour = null)
    {
        _firstHour = firstHour;
        Array.Clear(_daily);
        Array.Clear(_weekly);
        for (var i = 0; daily is not null && i < HoursPerDay && i < daily.Count; i++) _daily[i] = daily[i];
        for (var i = 0; weekly is not null && i < HoursPerWeek && i < weekly.Count; i++) _weekly[i] = weekly[i];
        Summarize(readRegion: false);
        Array.Clear(_regional);
        for (var i = 0; regional is not null && i < HoursPerWeek && i < regional.Count; i++) _regional[i] = regional[i];
        Array.Clear(_regionalDaily);
        for (var i = 0; regionalDaily is not null && i < HoursPerDay && i < regionalDaily.Count; i++) _regionalDaily[i] = regionalDaily[i];
        _regionalStale = regional is null || regional.Count != HoursPerWeek || (_borrow && regionalDaily?.Count != HoursPerDay);
    }

    private double WeeklyPart(int hourOfWeek)
    {
        ref readonly var w = ref _weekly[hourOfWeek];
        if (_region is null) return w.Days == 0 || _weeklyPrior == 0 ? 0 : SingleSite(w, _daily[hourOfWeek % HoursPerDay].Variance);
        RefreshRegionalIfStale();
        var omega = _regional[hourOfWeek];
        if (w.Days == 0 || _siteWeeklyPrior == 0) return omega;
        var belief = w.Days * _siteWeeklyPrior;
        return omega + ((w.Mean - omega) * belief / (belief + _daily[hourOfWeek % HoursPerDay].Variance));
    }

    private double SingleSite(in Slot w, double variance)
    {
        var belief = w.Days * _weeklyPrior;
        return w.Mean * belief / (belief + variance);
    }

    /// <summary>Adds this profile's weekly slot of one local hour of the week to the region's sums (see remarks).</summary>
    internal void AddTo(ref PooledSums sums, int hourOfWeek)
    {
        ref readonly var w = ref _weekly[hourOfWeek];
        if (w.Days == 0) return;
        var precision = 1 / ((_daily[hourOfWeek % HoursPerDay].Variance / w.Days) + _siteWeeklyPrior);
        if (!double.IsFinite(precision)) return;
        sums = new PooledSums(sums.Weights + precision, sums.Weighted + (precision * w.Mean));
    }

    /// <summary>The region's weekly effect ω from its sums: the precision-weighted mean shrunk towards 0 (see remarks).</summary>
    internal double Shrink(in PooledSums sums)
    {
        if (_weeklyPrior == 0 || sums.Weights == 0) return 0;
        return sums.Weighted / sums.Weights * _weeklyPrior / (_weeklyPrior + (1 / sums.Weights));
    }

    private void RefreshRegionalIfStale()
    {
        if (!_regionalStale) return;
        _regionalStale = false;
        if (_region is null) { Array.Clear(_regional); Array.Clear(_regionalDaily); return; }
        for (var how = 0; how < HoursPerWeek; how++) _regional[how] = _region.Effects[how];
        for (var hour = 0; hour < HoursPerDay; hour++) _regionalDaily[hour] = _borrow ? _region.DailyShape[hour] : null;
    }

    /// <summary>The level and the count of learned slots change only when a slot does: computed once, not per read.</summary>
    private void Summarize(bool readRegion = true, int changedHourOfDay = -1)
    {
        Version++;
        if (_region is not null)
        {
            if (changedHourOfDay >= 0) _region.Changed(changedHourOfDay);
            else _region.Recompute();
        }
        if (readRegion && _region is not null)
        {
            _regionalStale = true;
            RefreshRegionalIfStale(); // the region's effects as they stand at this hour: what this profile expects until its next hour
        }
        double sum = 0;
        var n = 0;
        foreach (var slot in _daily) if (slot.Days >= _minDays) { sum += slot.Mean; n++; }
        _level = n == 0 ? double.NaN : sum / n;
        _learnedSlots = n;
    }

    /// <summary>A region's sums over its sites for one hour of the week: Σ precision and Σ precision × weekly mean.</summary>
    internal readonly record struct PooledSums(double Weights, double Weighted);

    /// <summary>Days (or weeks) seen, smoothed mean, smoothed squared deviation.</summary>
    public readonly record struct Slot(int Days, double Mean, double Variance);
}
