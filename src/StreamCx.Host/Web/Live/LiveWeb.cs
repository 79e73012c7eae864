using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Channels;
using StreamCx.Host.AlertLog;
using StreamCx.Engine.Live;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// Wires the live alert feature into the host: the live feed following the shared alert log, the access token, the page's static
/// files, the token gate and the endpoints.
/// </summary>
public static class LiveWeb
{
    /// <summary>Strict policy for the page: its own scripts and styles only, nothing inline, no plugins, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddLiveAlerts(this IServiceCollection services, WebSettings settings)
    {
        var token = AccessToken.FromSettings(settings);
        return services
            .AddSingleton(settings)
            .AddSingleton(token)
            .AddSingleton(sp => new LiveFeed(settings.ToFeedOptions(), sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<AlertLogFollower>()
            .AddHostedService(sp => sp.GetRequiredService<AlertLogFollower>())
            .AddSingleton<AlertActions>();
    }

    /// <summary>Ends the live feed's subscriptions at stop, then the middleware and the endpoints.</summary>
    public static void UseLiveAlerts(this WebApplication app)
    {
        var feed = app.Services.GetRequiredService<LiveFeed>();
        app.Lifetime.ApplicationStopping.Register(feed.Dispose);
        var token = app.Services.GetRequiredService<AccessToken>();
        if (token.Generated)
        {
            var url = (app.Configuration["Urls"] ?? "http://127.0.0.1:8080").Split(';')[0].TrimEnd('/');
            if (Logging.ConsoleLogFormat.IsJson(app.Configuration)) // the console carries JSON lines only
            {
                app.Logger.LogWarning("web: no Web:Token configured; this run's token is {Token}; page: {Page}", token.Value, $"{url}/#token={token.Value}");
            }
            else
            {
                Console.Out.WriteLine($"web: no Web:Token configured; this run's token is {token.Value}");
                Console.Out.WriteLine($"web: page: {url}/#token={token.Value}");
            }
        }
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache" });
        app.UseMiddleware<TokenGate>();
        app.MapAlertStream();
        app.MapAlertEndpoints();
        app.MapScoreEndpoints();
        app.MapJourneyEndpoints();
        app.MapListeningEndpoints();
        app.MapChannelEndpoints(app.Services.GetService<ChannelSettings>() ?? new ChannelSettings());
    }
}
