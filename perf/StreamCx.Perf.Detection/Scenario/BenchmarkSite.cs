namespace StreamCx.Perf.Detection.Scenario;

/// <summary>A generated site: its region, time zone and peak responses per hour (1 to 60).</summary>
public sealed record BenchmarkSite(string SiteId, string Name, string RegionId, TimeZoneInfo Zone, double PeakRate);

/// <summary>A generated attribute: scale and whether it drives NPS.</summary>
public sealed record BenchmarkAttribute(string AttributeId, string Label, double Min, double Max, double DissatisfiedAtOrBelow, double NpsWeight)
{
    /// <summary>A latent value on a 1–5 scale mapped to this attribute's scale, rounded and clamped.</summary>
    public double ToScale(double latent) => Math.Clamp(Math.Round(Min + ((latent - 1) * (Max - Min) / 4)), Min, Max);
}
