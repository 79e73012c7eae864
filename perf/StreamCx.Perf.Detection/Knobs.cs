using System.Globalization;
using StreamCx.Domain.Detection;

namespace StreamCx.Perf.Detection;

/// <summary>Sets one DetectionSettings knob from "Name=value" (numbers, durations, integers; a list of durations separated by "," or "+", "+" inside a --grid, empty for none), for calibration runs.</summary>
public static class Knobs
{
    public static DetectionSettings Set(DetectionSettings settings, string assignment)
    {
        var (name, value) = (assignment[..assignment.IndexOf('=')], assignment[(assignment.IndexOf('=') + 1)..]);
        var copy = settings with { };
        var property = typeof(DetectionSettings).GetProperty(name) ?? throw new ArgumentException($"no knob {name}");
        object parsed = property.PropertyType == typeof(double) ? double.Parse(value, CultureInfo.InvariantCulture)
            : property.PropertyType == typeof(int) ? int.Parse(value, CultureInfo.InvariantCulture)
            : property.PropertyType == typeof(bool) ? bool.Parse(value)
            : property.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
            : property.PropertyType == typeof(IReadOnlyList<TimeSpan>) ? value.Split([',', '+'], StringSplitOptions.RemoveEmptyEntries).Select(v => TimeSpan.Parse(v, CultureInfo.InvariantCulture)).ToList()
            : throw new ArgumentException($"knob {name} has an unsupported type");
        property.SetValue(copy, parsed);
        return copy;
    }
}
