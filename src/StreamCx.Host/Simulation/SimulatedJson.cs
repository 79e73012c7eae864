using System.Globalization;
using System.Text.Json;

namespace StreamCx.Host.Simulation;

/// <summary>How the simulators write a message: the contract's timestamp format, fields without a value left out.</summary>
internal static class SimulatedJson
{
    /// <summary>The time to the second, as the systems simulated stamp their messages.</summary>
    public static DateTimeOffset ToSecond(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);

    public static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static byte[] Bytes(Dictionary<string, object?> fields) =>
        JsonSerializer.SerializeToUtf8Bytes(fields.Where(kv => kv.Value is not null).ToDictionary());
}
