using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// The body of an acknowledge or resolve request: <c>{"by": "who", "note": "optional"}</c>, JSON, at most 8 KiB,
/// no other property. "When" is the server's clock, never the client's.
/// </summary>
public sealed record ActionBody(string? By, string? Note)
{
    public const int MaxBytes = 8 * 1024;

    private static readonly JsonSerializerOptions Json = new(ContractJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 4,
    };

    public static async Task<(AlertAction? Action, IResult? Error)> ReadAsync(HttpRequest request, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            return (null, ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "send the body as application/json: {\"by\": \"who\", \"note\": \"optional\"}"));
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        ActionBody? body;
        try
        {
            body = JsonSerializer.Deserialize<ActionBody>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.BadRequest($"body: expected a JSON object {{\"by\": string, \"note\": string}} ({e.Message})"));
        }
        if (body is null) return (null, ApiResults.BadRequest("body: expected a JSON object {\"by\": string, \"note\": string}"));
        var (action, error) = AlertAction.Create(body.By, body.Note, clock.GetUtcNow());
        return action is null ? (null, ApiResults.BadRequest(error!)) : (action, null);
    }

    private static IResult TooLarge() => ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"body: at most {MaxBytes} bytes");
}
