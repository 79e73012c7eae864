using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Detection;

/// <summary>
/// What one detector found: its factor (the evidence), how strong it is (0..1), and the level it considers
/// normal (used to judge recovery).
/// </summary>
public sealed record Signal(Factor Factor, double Strength, double NormalLevel)
{
    /// <summary>What the attribute usually is at this time, and the time's name (for the explanation), when known.</summary>
    public UsualLevel? Usual { get; init; }

    /// <summary>Strength from how far past its threshold a statistic is and how large the effect is on the scale.</summary>
    public static double StrengthOf(double z, double threshold, double effect, double range) =>
        Math.Clamp(0.3 + (0.05 * (Math.Abs(z) - threshold)) + (effect / range), 0, 1);
}

/// <summary>
/// The level the attribute was expected at, <paramref name="Value"/>, and against what: <paramref name="When"/> names the
/// local time of the seasonal profile (e.g. "a Saturday afternoon"), or is null when no profile is learned for it yet
/// (the level is then the baseline before the fall).
/// </summary>
public readonly record struct UsualLevel(double Value, string? When);
