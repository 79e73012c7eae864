using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Live;

/// <summary>Reads of the REST view the tests compare the page and the stream with.</summary>
public static class LiveApi
{
    /// <summary>The open alert on a site-attribute, polling until it exists.</summary>
    public static Task<JsonElement> WaitForOpenAlertAsync(HttpClient http, string siteId, string attributeId, TimeSpan timeout) =>
        WaitForOpenAlertAsync(http, siteId, attributeId, timeout, _ => true);

    /// <summary>The open alert on a site-attribute whose alert <paramref name="accept"/> accepts, polling until it exists.</summary>
    public static async Task<JsonElement> WaitForOpenAlertAsync(HttpClient http, string siteId, string attributeId, TimeSpan timeout, Func<JsonElement, bool> accept)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var list = await http.GetFromJsonAsync<JsonElement>($"/api/alerts?site={siteId}&attribute={attributeId}");
            var alerts = list.GetProperty("alerts");
            foreach (var record in alerts.EnumerateArray())
                if (accept(record.GetProperty("alert"))) return record;
            if (clock.Elapsed > timeout)
            {
                var status = await http.GetStringAsync("/api/status");
                var scores = await http.GetStringAsync($"/api/sites/{siteId}/scores");
                throw new TimeoutException($"no open alert on {siteId}/{attributeId} within {timeout}\nstatus: {status}\nscores: {scores}");
            }
            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, string path) => await http.GetFromJsonAsync<JsonElement>(path);

    public static string AlertId(JsonElement record) => record.GetProperty("alert").GetProperty("alertId").GetString()!;
}
