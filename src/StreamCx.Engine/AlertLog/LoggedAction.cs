using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;

namespace StreamCx.Engine.AlertLog;

/// <summary>A person's action as the alert log keeps it: which alert, who, when (server clock), the note.</summary>
public sealed record LoggedAction(string AlertId, string By, DateTimeOffset At, string? Note)
{
    public AlertAction Action => new(By, At, Note);

    public static LoggedAction Of(string alertId, AlertAction action) => new(alertId, action.By, action.At, action.Note);

    public string ToJson() => JsonSerializer.Serialize(this, ContractJson.Options);

    public static LoggedAction FromJson(string json) =>
        JsonSerializer.Deserialize<LoggedAction>(json, ContractJson.Options) ?? throw new JsonException("an empty action in the alert log");
}
