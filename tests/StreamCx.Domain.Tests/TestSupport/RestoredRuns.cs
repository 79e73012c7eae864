using Xunit.Abstractions;

namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>What a processor gave by the end of a scenario: its alert emissions (as text), its views (as one text), its state (its snapshot as JSON).</summary>
public sealed record ScenarioOutcome(List<string> Alerts, string Views, string State);

/// <summary>
/// Runs restored from snapshots at cuts of a scenario, each compared with the uninterrupted run as it ends: the cuts are
/// written out as they come, every difference is kept, and <see cref="AssertAllEqual"/> fails with all of them.
/// </summary>
public sealed class RestoredRuns(ScenarioOutcome uninterrupted, ITestOutputHelper output)
{
    private readonly List<string> _differing = [];

    /// <param name="cut">The cut the run was restored at, as the failure names it.</param>
    public void Compare(string cut, ScenarioOutcome restored)
    {
        output.WriteLine(cut);
        if (!restored.Alerts.SequenceEqual(uninterrupted.Alerts)) _differing.Add($"{cut}: alerts differ from emission {FirstDifference(uninterrupted.Alerts, restored.Alerts)}");
        if (restored.Views != uninterrupted.Views) _differing.Add($"{cut}: views differ");
        if (restored.State != uninterrupted.State) _differing.Add($"{cut}: state at the end differs");
    }

    public void AssertAllEqual() => Assert.True(_differing.Count == 0, string.Join("\n", _differing));

    private static string FirstDifference(List<string> expected, List<string> actual)
    {
        var i = 0;
        while (i < expected.Count && i < actual.Count && expected[i] == actual[i]) i++;
        return $"#{i} of {expected.Count}: expected {(i < expected.Count ? expected[i] : "none")}, got {(i < actual.Count ? actual[i] : "none")}";
    }
}
