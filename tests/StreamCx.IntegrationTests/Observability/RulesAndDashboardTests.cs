using System.Diagnostics;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>
/// The alert rules and the dashboard of config/ against the running engine and Prometheus: rules load and evaluate,
/// every metric they name is exposed by the engine, every dashboard query runs and returns data.
/// </summary>
[Collection(ObservedEngineCollection.Name)]
public class RulesAndDashboardTests(ObservedEngineFixture engine)
{
    /// <summary>Series Prometheus makes itself for each target; every other name must come from the engine.</summary>
    private static readonly HashSet<string> PrometheusOwnSeries = ["up"];

    /// <summary>Grafana's variables, replaced by what they expand to for one engine.</summary>
    private static string Expand(string expr) => expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal);

    /// <summary>
    /// The metric names the engine exposes, read again until <paramref name="expected"/> are all there or 30 s have passed:
    /// the consumer's lag comes from librdkafka's statistics, reported on their own interval once a fetch has told the
    /// partition's end, which on a loaded machine can come after everything was applied.
    /// </summary>
    private async Task<HashSet<string>> ExposedNamesAsync(IReadOnlyCollection<string> expected)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var text = await engine.MetricsEndpoint.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            var exposed = text.Split('\n')
                .Where(l => l.Length > 0 && l[0] != '#')
                .Select(l => l[..l.IndexOfAny(['{', ' '])])
                .ToHashSet(StringComparer.Ordinal);
            if (expected.All(exposed.Contains) || started.Elapsed > TimeSpan.FromSeconds(30)) return exposed;
            await Task.Delay(250);
        }
    }

    private async Task<List<JsonElement>> EvaluatedRulesAsync()
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var groups = await engine.Prometheus.ApiAsync("rules");
            var rules = groups.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
            if (rules.Count > 0 && rules.All(r => r.GetProperty("lastEvaluation").GetDateTimeOffset().Year > 2000)) return rules;
            if (started.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("Prometheus did not evaluate every rule within 30 s");
            await Task.Delay(500);
        }
    }

    private static List<string> DashboardExpressions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoFiles.Dashboard));
        var expressions = new List<string>();
        void Walk(JsonElement panels)
        {
            foreach (var panel in panels.EnumerateArray())
            {
                if (panel.TryGetProperty("targets", out var targets))
                    expressions.AddRange(targets.EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
                if (panel.TryGetProperty("panels", out var nested)) Walk(nested);
            }
        }
        Walk(doc.RootElement.GetProperty("panels"));
        return expressions;
    }

    private static List<string> DashboardVariableMetrics()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoFiles.Dashboard));
        return doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Select(v => v.GetProperty("definition").GetString()!)
            .Select(d => d["label_values(".Length..d.IndexOf(',', StringComparison.Ordinal)].Trim())
            .ToList();
    }

    [Fact]
    public async Task Prometheus_loads_and_evaluates_every_alert_rule_of_the_repository_without_error()
    {
        var rules = await EvaluatedRulesAsync();
        var declared = File.ReadAllLines(RepoFiles.AlertRules).Count(l => l.TrimStart().StartsWith("- alert:", StringComparison.Ordinal));
        Assert.Equal(declared, rules.Count);
        Assert.All(rules, r => Assert.True(r.GetProperty("health").GetString() == "ok", $"{r.GetProperty("name")}: {r}"));
    }

    [Fact]
    public async Task Every_metric_named_by_the_alert_rules_is_exposed_by_the_running_engine()
    {
        var names = (await EvaluatedRulesAsync()).SelectMany(r => PromQlMetricNames.Extract(r.GetProperty("query").GetString()!)).ToHashSet();
        Assert.Contains("streamcx_kafka_consumer_lag_offsets", names);
        Assert.Contains("streamcx_event_to_alert_latency_seconds_bucket", names);
        var exposed = await ExposedNamesAsync([.. names.Except(PrometheusOwnSeries)]);
        Assert.Empty(names.Except(exposed).Except(PrometheusOwnSeries).Order());
    }

    [Fact]
    public async Task Every_metric_named_by_the_dashboard_is_exposed_by_the_running_engine()
    {
        var names = DashboardExpressions().SelectMany(e => PromQlMetricNames.Extract(Expand(e))).Concat(DashboardVariableMetrics()).ToHashSet();
        Assert.True(names.Count >= 20, $"only {names.Count} metric names found in the dashboard");
        var exposed = await ExposedNamesAsync(names);
        Assert.Empty(names.Except(exposed).Order());
    }

    [Fact]
    public async Task Every_dashboard_query_runs_in_Prometheus_and_returns_data()
    {
        await engine.Prometheus.WaitForValueAsync("sum(streamcx_events_consumed_total)", engine.Feedback.Count, TimeSpan.FromSeconds(30));
        var expressions = DashboardExpressions();
        Assert.NotEmpty(expressions);
        // librdkafka statistics and scrapes come every second: give every series a few seconds to appear
        var empty = expressions;
        var started = Stopwatch.StartNew();
        do
        {
            var stillEmpty = new List<string>();
            foreach (var expr in empty)
                if ((await engine.Prometheus.QueryAsync(Expand(expr))).Count == 0) stillEmpty.Add(expr);
            empty = stillEmpty;
            if (empty.Count > 0) await Task.Delay(1000);
        }
        while (empty.Count > 0 && started.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(empty.Count == 0, "no data for:\n" + string.Join("\n", empty));
    }
}
