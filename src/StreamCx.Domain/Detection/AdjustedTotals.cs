using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// Running totals of count, sum and sum of squares of the values minus each hour's usual offset (the seasonal profile),
/// over buckets [from, to]: the sums over any sub-range are then a difference of two totals. Lives in caller-provided
/// memory (<see cref="Length"/> doubles, usually on the stack), so an evaluation allocates nothing for it.
/// </summary>
internal readonly ref struct AdjustedTotals
{
    private readonly long _from;
    private readonly Span<double> _totals;

    /// <summary>How many doubles the totals of buckets [from, to] need.</summary>
    public static int Length(long from, long to) => 3 * (int)(to - from + 2);

    public AdjustedTotals(BucketRing ring, long from, long to, SeasonalProfile profile, Span<double> memory)
    {
        _from = from;
        _totals = memory[..Length(from, to)];
        _totals[..3].Clear();
        var hours = new HourIndexCursor(ring.Clock, from);
        var walk = ring.Walk(from);
        for (var i = from; i <= to; i++)
        {
            var at = 3 * (int)(i - from);
            double count = _totals[at], sum = _totals[at + 1], squares = _totals[at + 2];
            ref readonly var b = ref walk.Next(out var filled);
            if (filled)
            {
                var p = profile.Offset(hours.HourOf(i));
                count += b.Count;
                sum += b.Sum - (b.Count * p);
                squares += b.SumSquares - (2 * p * b.Sum) + (b.Count * p * p);
            }
            _totals[at + 3] = count;
            _totals[at + 4] = sum;
            _totals[at + 5] = squares;
        }
    }

    /// <summary>Count, adjusted sum and adjusted sum of squares over buckets [from, to] (within the totals' range).</summary>
    public WindowStats Between(long from, long to)
    {
        var a = 3 * (int)(from - _from);
        var b = 3 * ((int)(to - _from) + 1);
        return new WindowStats((int)(_totals[b] - _totals[a]), 0, _totals[b + 1] - _totals[a + 1], _totals[b + 2] - _totals[a + 2]);
    }
}
