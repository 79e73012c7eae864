namespace StreamCx.Domain.Detection;

/// <summary>
/// The attribute's usual daily rhythm: for each UTC hour of the day, an exponentially smoothed mean of that hour's
/// mean and of its day-to-day squared deviation. A slot is learned once it has seen enough days.
/// </summary>
public sealed class DailyProfile(double smoothing, int minDays)
{
    private readonly Slot[] _slots = new Slot[24];
    private double _level = double.NaN;
    private bool _fullyLearned;

    public bool IsLearned(int hour) => _slots[hour].Days >= minDays;

    public bool IsFullyLearned => _fullyLearned;

    /// <summary>Changes whenever the profile does: lets readers keep what they derived from it.</summary>
    public int Version { get; private set; }

    public double Mean(int hour) => _slots[hour].Mean;

    public double DayToDayVariance(int hour) => _slots[hour].Variance;

    /// <summary>Mean of the learned slots: the attribute's level over a day.</summary>
    public double Level => _level;

    /// <summary>How far this hour usually sits from the daily level (0 while not learned). Read per bucket on the hot path.</summary>
    public double Offset(int hour) => _fullyLearned ? _slots[hour].Mean - _level : 0;

    public void Learn(int hour, double hourMean)
    {
        ref var s = ref _slots[hour];
        if (s.Days == 0)
        {
            s = new Slot(1, hourMean, 0);
        }
        else
        {
            var deviation = hourMean - s.Mean;
            var alpha = Math.Max(smoothing, 1.0 / (s.Days + 1));
            s = new Slot(s.Days + 1, s.Mean + (alpha * deviation), ((1 - alpha) * s.Variance) + (alpha * deviation * deviation));
        }
        Summarize();
    }

    /// <summary>The level and the fully-learned flag change only when a slot does: computed once, not per read.</summary>
    private void Summarize()
    {
        Version++;
        double sum = 0;
        var n = 0;
        foreach (var slot in _slots) if (slot.Days >= minDays) { sum += slot.Mean; n++; }
        _level = n == 0 ? double.NaN : sum / n;
        _fullyLearned = n == _slots.Length;
    }

    public IReadOnlyList<Slot> Slots => _slots;

    public void Restore(IReadOnlyList<Slot> slots)
    {
        for (var i = 0; i < 24 && i < slots.Count; i++) _slots[i] = slots[i];
        Summarize();
    }

    public readonly record struct Slot(int Days, double Mean, double Variance);
}
