namespace StreamCx.Domain.Processing;

/// <summary>How many events were applied, late, too late, or duplicates.</summary>
public sealed class ProcessingCounters
{
    public long OnTime { get; private set; }
    public long Late { get; private set; }
    public long TooLate { get; private set; }
    public long Duplicates { get; private set; }

    /// <summary>Adds another set of counters (e.g. of a processor that handled other regions).</summary>
    public void Add(ProcessingCounters other)
    {
        OnTime += other.OnTime;
        Late += other.Late;
        TooLate += other.TooLate;
        Duplicates += other.Duplicates;
    }

    public void Count(IntakeOutcome outcome)
    {
        switch (outcome)
        {
            case IntakeOutcome.OnTime: OnTime++; break;
            case IntakeOutcome.Late: Late++; break;
            case IntakeOutcome.TooLate: TooLate++; break;
            case IntakeOutcome.Duplicate: Duplicates++; break;
        }
    }
}
