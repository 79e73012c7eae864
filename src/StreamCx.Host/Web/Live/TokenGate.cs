using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// Answers 401 to every request without the right token, except /health/* and /metrics (and the page's static
/// files, served before this gate: they hold no data). The token comes as <c>Authorization: Bearer</c>; the alert
/// stream also takes <c>?access_token=</c>, because a browser's EventSource cannot send headers.
/// </summary>
public sealed class TokenGate(RequestDelegate next, AccessToken token)
{
    public const string StreamPath = "/api/alerts/stream";
    public const string QueryTokenName = "access_token";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (IsPublic(path) || token.Matches(Presented(context.Request))) return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"streamcx\"";
        return context.Response.WriteAsJsonAsync(new { error = "a valid bearer token is required (Authorization: Bearer <Web:Token>)" });
    }

    public static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization];
        if (header.Count == 1 && header[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return value["Bearer ".Length..].Trim();
        if (header.Count == 0 && request.Path.Equals(StreamPath, StringComparison.Ordinal) && request.Query[QueryTokenName] is { Count: 1 } query)
            return query[0];
        return null;
    }
}
