using System.Globalization;
using System.Text.Json;

namespace StreamCx.Host.Simulation;

/// <summary>How the simulators write a message: the contract's timestamp format, fields without a value left out.</summary>
internal static class SimulatedJson
{
    /// <summary>The time to the second, as the systems simulated stamp their messages.</summary>
    public static DateTimeOffset ToSecond(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);

    public static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// One message at <paramref name="at"/> (kept to the second): <c>type</c>, <c>eventId</c> and <c>occurredAt</c> first, then
    /// <paramref name="fields"/> (which may set <c>type</c> themselves).
    /// </summary>
    public static SimulatedMessage Message(DateTimeOffset at, string eventId, string key, string? type, Dictionary<string, object?> fields)
    {
        at = ToSecond(at);
        var message = new Dictionary<string, object?> { ["type"] = type, ["eventId"] = eventId, ["occurredAt"] = Timestamp(at) };
        foreach (var (name, value) in fields) message[name] = value;
        return new SimulatedMessage(at, eventId, key, Bytes(message));
    }

    public static byte[] Bytes(Dictionary<string, object?> fields) =>
        JsonSerializer.SerializeToUtf8Bytes(fields.Where(kv => kv.Value is not null).ToDictionary());
}
