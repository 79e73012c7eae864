using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// One journey, kept small (a few hundred bytes for a few steps): counts and sums rather than events, labels shared with
/// the parser's pool, a bounded timeline of compact marks. Changed only by <see cref="JourneyBook"/>, in event order.
/// </summary>
public sealed class JourneyState(string journeyId, long openedTicks)
{
    public string JourneyId { get; } = journeyId;
    public string? CustomerId { get; internal set; }
    public string? AccountId { get; internal set; }

    /// <summary>The first site the journey was seen at (where its alert is shown).</summary>
    public string? SiteId { get; internal set; }

    public long OpenedTicks { get; internal set; } = openedTicks;
    public long LastTicks { get; internal set; } = openedTicks;
    public long? ClosedTicks { get; internal set; }
    public JourneyOutcome? Outcome { get; internal set; }
    public int Contacts { get; internal set; }
    public string[] Departments { get; internal set; } = [];

    /// <summary>Interaction surveys: how many, the sum of their 0..10 scores, how many at or below 6.</summary>
    public int Rated { get; internal set; }
    public double ScoreSum { get; internal set; }
    public int Dissatisfied { get; internal set; }
    public double MeanInteractionScore => Rated == 0 ? double.NaN : ScoreSum / Rated;

    /// <summary>The latest journey-scope survey's 0..10 score.</summary>
    public double? JourneyScore { get; internal set; }
    public string? ChurnEventId { get; internal set; }
    public int MostRepeatedReason { get; private set; }
    /// <summary>The marks in time order (a view of the first <see cref="_marks"/> slots of a slightly larger array).</summary>
    public ReadOnlySpan<Mark> Timeline => _timeline.AsSpan(0, _marks);

    /// <summary>The journey's watermelon alert, once raised: its id, last sequence, and what its last emission said.</summary>
    public string? AlertId { get; internal set; }
    public int AlertSequence { get; internal set; }
    public bool AlertClosed { get; internal set; }
    public (RedRule Rules, JourneyOutcome? Outcome, double? JourneyScore, bool Churn) AlertedAs { get; internal set; }

    /// <summary>The journey indicator readings it has given (<see cref="Indicators.JourneyReadings"/>).</summary>
    public Indicators.JourneyReadingsTaken ReadingsTaken { get; internal set; }

    private (string Reason, int Count)[] _reasons = [];
    private Mark[] _timeline = [];
    private int _marks;

    public void AddDepartment(string? department)
    {
        if (department is null || Departments.Contains(department, StringComparer.Ordinal)) return;
        Departments = [.. Departments, department];
    }

    public void AddReason(string? reason)
    {
        if (reason is null) return;
        for (var i = 0; i < _reasons.Length; i++)
        {
            if (!string.Equals(_reasons[i].Reason, reason, StringComparison.Ordinal)) continue;
            _reasons[i].Count++;
            MostRepeatedReason = Math.Max(MostRepeatedReason, _reasons[i].Count);
            return;
        }
        _reasons = [.. _reasons, (reason, 1)];
        MostRepeatedReason = Math.Max(MostRepeatedReason, 1);
    }

    /// <summary>
    /// Adds a mark in time order (a late event takes its place); beyond <paramref name="max"/> the oldest mark after the
    /// first is dropped (the first contact stays).
    /// </summary>
    public void AddMark(Mark mark, int max)
    {
        if (_marks == max)
        {
            Array.Copy(_timeline, 2, _timeline, 1, _marks - 2);
            _marks--;
        }
        else if (_marks == _timeline.Length)
        {
            Array.Resize(ref _timeline, Math.Min(max, _marks + MarksPerGrowth));
        }
        var at = _marks;
        for (; at > 0 && _timeline[at - 1].Ticks > mark.Ticks; at--) _timeline[at] = _timeline[at - 1];
        _timeline[at] = mark;
        _marks++;
    }

    /// <summary>The journey as plain data.</summary>
    public JourneyStateSnapshot ToSnapshot() => new(
        JourneyId, CustomerId, AccountId, SiteId, OpenedTicks, LastTicks, ClosedTicks, Outcome, Contacts, [.. Departments],
        Rated, ScoreSum, Dissatisfied, JourneyScore, ChurnEventId, [.. _reasons.Select(r => new ReasonCount(r.Reason, r.Count))], Timeline.ToArray(),
        AlertId, AlertSequence, AlertClosed, new WatermelonSaid(AlertedAs.Rules, AlertedAs.Outcome, AlertedAs.JourneyScore, AlertedAs.Churn), ReadingsTaken);

    /// <summary>
    /// The journey <see cref="ToSnapshot"/> took, laid out as one built event by event is (the timeline grown the same
    /// way), its labels shared through <paramref name="labels"/> as the parser shares them.
    /// </summary>
    internal static JourneyState FromSnapshot(JourneyStateSnapshot s, BoundedStringPool labels, int maxTimelineSteps)
    {
        var j = new JourneyState(s.JourneyId, s.OpenedTicks)
        {
            CustomerId = s.CustomerId, AccountId = s.AccountId, SiteId = Label(s.SiteId, labels), LastTicks = s.LastTicks,
            ClosedTicks = s.ClosedTicks, Outcome = s.Outcome, Contacts = s.Contacts, Departments = [.. s.Departments.Select(d => labels.Get(d))],
            Rated = s.Rated, ScoreSum = s.ScoreSum, Dissatisfied = s.Dissatisfied, JourneyScore = s.JourneyScore, ChurnEventId = s.ChurnEventId,
            AlertId = s.AlertId, AlertSequence = s.AlertSequence, AlertClosed = s.AlertClosed,
            AlertedAs = (s.AlertedAs.Rules, s.AlertedAs.Outcome, s.AlertedAs.JourneyScore, s.AlertedAs.Churn), ReadingsTaken = s.ReadingsTaken,
        };
        j._reasons = [.. s.Reasons.Select(r => (labels.Get(r.Reason), r.Count))];
        j.MostRepeatedReason = j._reasons.Length == 0 ? 0 : j._reasons.Max(r => r.Count);
        foreach (var m in s.Timeline) j.AddMark(m with { Department = Label(m.Department, labels), Step = Label(m.Step, labels) }, maxTimelineSteps);
        return j;
    }

    private static string? Label(string? text, BoundedStringPool labels) => text is null ? null : labels.Get(text);

    /// <summary>Room for this many more marks at a time: a journey of a few steps allocates its timeline once.</summary>
    private const int MarksPerGrowth = 4;

    /// <summary>A timeline entry: 32 bytes, labels shared.</summary>
    public readonly record struct Mark(long Ticks, MarkKind Kind, string? Department, string? Step, float Score);

    public enum MarkKind : byte
    {
        Step,
        Interaction,
        JourneySurvey,
        Closed,
        Churn,
    }
}
