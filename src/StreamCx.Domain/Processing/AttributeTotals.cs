namespace StreamCx.Domain.Processing;

/// <summary>
/// Every observation ever applied to a site-attribute, including those too late for any window: the exact
/// count and sum let a run be checked against what was produced.
/// </summary>
public readonly record struct AttributeTotals(long Count, double Sum, long TooLate)
{
    public AttributeTotals Add(double value, bool tooLate) => new(Count + 1, Sum + value, TooLate + (tooLate ? 1 : 0));
}
