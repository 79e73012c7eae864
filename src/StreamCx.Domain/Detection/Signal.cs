using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Detection;

/// <summary>
/// What one detector found: its factor (the evidence), how strong it is (0..1), and the level it considers
/// normal (used to judge recovery).
/// </summary>
public sealed record Signal(Factor Factor, double Strength, double NormalLevel)
{
    /// <summary>Strength from how far past its threshold a statistic is and how large the effect is on the scale.</summary>
    public static double StrengthOf(double z, double threshold, double effect, double range) =>
        Math.Clamp(0.3 + (0.05 * (Math.Abs(z) - threshold)) + (effect / range), 0, 1);
}
