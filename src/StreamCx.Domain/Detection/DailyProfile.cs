namespace StreamCx.Domain.Detection;

/// <summary>
/// The attribute's usual daily rhythm: for each UTC hour of the day, an exponentially smoothed mean of that hour's
/// mean and of its day-to-day squared deviation. A slot is learned once it has seen enough days.
/// </summary>
public sealed class DailyProfile(double smoothing, int minDays)
{
    private readonly Slot[] _slots = new Slot[24];

    public bool IsLearned(int hour) => _slots[hour].Days >= minDays;

    public bool IsFullyLearned => _slots.All(s => s.Days >= minDays);

    public double Mean(int hour) => _slots[hour].Mean;

    public double DayToDayVariance(int hour) => _slots[hour].Variance;

    /// <summary>Mean of the learned slots: the attribute's level over a day.</summary>
    public double Level
    {
        get
        {
            double sum = 0; var n = 0;
            foreach (var s in _slots) if (s.Days >= minDays) { sum += s.Mean; n++; }
            return n == 0 ? double.NaN : sum / n;
        }
    }

    /// <summary>How far this hour usually sits from the daily level (0 while not learned).</summary>
    public double Offset(int hour) => IsLearned(hour) && IsFullyLearned ? _slots[hour].Mean - Level : 0;

    public void Learn(int hour, double hourMean)
    {
        ref var s = ref _slots[hour];
        if (s.Days == 0)
        {
            s = new Slot(1, hourMean, 0);
            return;
        }
        var deviation = hourMean - s.Mean;
        var alpha = Math.Max(smoothing, 1.0 / (s.Days + 1));
        s = new Slot(s.Days + 1, s.Mean + (alpha * deviation), ((1 - alpha) * s.Variance) + (alpha * deviation * deviation));
    }

    public IReadOnlyList<Slot> Slots => _slots;

    public void Restore(IReadOnlyList<Slot> slots)
    {
        for (var i = 0; i < 24 && i < slots.Count; i++) _slots[i] = slots[i];
    }

    public readonly record struct Slot(int Days, double Mean, double Variance);
}
