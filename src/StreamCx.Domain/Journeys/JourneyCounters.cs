using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys;

/// <summary>What the journeys did with what they were given.</summary>
public sealed class JourneyCounters
{
    /// <summary>Journey messages and feedback with a journey or an account, applied.</summary>
    public long Applied { get; internal set; }

    /// <summary>Applied on arrival, behind the newest event time by more than the allowed lateness.</summary>
    public long Late { get; internal set; }

    public long Duplicates { get; internal set; }

    /// <summary>Feedback and steps whose department is not in the catalog (kept as given).</summary>
    public long UnknownDepartments { get; internal set; }

    /// <summary>Feedback whose contact role is not one of the five (kept as given).</summary>
    public long UnknownRoles { get; internal set; }

    /// <summary>The counts as plain data.</summary>
    public JourneyCountersSnapshot Capture() => new(Applied, Late, Duplicates, UnknownDepartments, UnknownRoles);

    /// <summary>Puts back what <see cref="Capture"/> took, in place of what it counted.</summary>
    public void Restore(JourneyCountersSnapshot s) =>
        (Applied, Late, Duplicates, UnknownDepartments, UnknownRoles) = (s.Applied, s.Late, s.Duplicates, s.UnknownDepartments, s.UnknownRoles);
}
