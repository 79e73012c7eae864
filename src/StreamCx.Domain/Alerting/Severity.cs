using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;

namespace StreamCx.Domain.Alerting;

/// <summary>
/// Severity of an irritant: the trigger factors combined as independent evidence (1 - Π(1 - strength)), scaled by how
/// much the attribute drives recommendation. Importance never triggers on its own.
/// </summary>
public static class Severity
{
    public static double Of(IReadOnlyList<Signal> signals, ImportanceFactor? importance)
    {
        if (signals.Count == 0) return 0;
        var miss = 1.0;
        foreach (var s in signals) miss *= 1 - s.Strength;
        return Math.Round(Math.Clamp((1 - miss) * DriverImportance.Multiplier(importance), 0, 1), 3);
    }

    public static SeverityLevel LevelOf(double severity) => severity switch
    {
        >= 0.75 => SeverityLevel.Critical,
        >= 0.5 => SeverityLevel.High,
        >= 0.25 => SeverityLevel.Medium,
        _ => SeverityLevel.Low,
    };
}
