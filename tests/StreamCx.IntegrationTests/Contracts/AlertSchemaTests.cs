using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using StreamCx.IntegrationTests.Equivalence;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Contracts;

/// <summary>
/// Every alert `streamcx replay` writes is valid against the published contract, <c>config/schemas/alert.schema.json</c>
/// (what a downstream ticketing system validates against): the equivalence scenario's three days of feedback, complaints,
/// incidents, staff reports, social mentions, journeys and B2B accounts give alerts of every kind.
/// </summary>
public sealed class AlertSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "schemas", "alert.schema.json")));

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Every_alert_of_a_replay_with_every_source_is_valid_against_the_alert_schema(int seed)
    {
        var lines = await ReplayAsync(new EquivalenceFeedback(seed).Messages);

        var invalid = lines.Select(l => (Line: l, Result: Schema.Evaluate(JsonDocument.Parse(l).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List })))
            .Where(r => !r.Result.IsValid).ToList();
        Assert.True(invalid.Count == 0, $"{invalid.Count} of {lines.Count} alerts invalid; the first:\n{invalid.FirstOrDefault().Line}\n"
            + string.Join("\n", (invalid.FirstOrDefault().Result?.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        // not vacuous: the alerts carry every kind of factor and the site alerts' context
        var alerts = lines.Select(l => JsonNode.Parse(l)!).ToList();
        var kinds = alerts.SelectMany(a => a["factors"]!.AsArray().Select(f => (string)f!["kind"]!)).ToHashSet();
        Assert.Superset(new HashSet<string> { "trend", "peer", "importance", "complaints", "internal", "social", "watermelon", "divergence", "channel" }, kinds);
        Assert.Contains(alerts, a => a["units"] is JsonArray { Count: > 0 });
        Assert.Contains(alerts, a => a["incidents"] is JsonArray { Count: > 0 });
        Assert.Contains(alerts, a => (string?)a["status"] == "resolved");
    }

    [Fact]
    public async Task The_schema_refuses_a_replayed_alert_once_it_breaks_the_contract()
    {
        // the test above could not fail if the schema took anything: a valid alert of replay, with an unknown status, without its
        // id, with a field the contract does not have
        var valid = (await ReplayAsync(new EquivalenceFeedback(13).Messages)).First(l => l.Contains("\"units\":", StringComparison.Ordinal));
        JsonObject Broken(Action<JsonObject> breakIt)
        {
            var alert = JsonNode.Parse(valid)!.AsObject();
            breakIt(alert);
            return alert;
        }

        Assert.True(IsValid(JsonNode.Parse(valid)!.AsObject()));
        Assert.False(IsValid(Broken(a => a["status"] = "<script>")));
        Assert.False(IsValid(Broken(a => a.Remove("alertId"))));
        Assert.False(IsValid(Broken(a => a["units"]![0]!.AsObject()["secret"] = 1)));
    }

    private static bool IsValid(JsonObject alert) => Schema.Evaluate(JsonDocument.Parse(alert.ToJsonString()).RootElement).IsValid;

    private static async Task<List<string>> ReplayAsync(IReadOnlyList<EquivalenceFeedback.Message> messages)
    {
        var input = Path.Combine(Path.GetTempPath(), $"streamcx-schema-{Guid.NewGuid():N}.jsonl");
        var alerts = input + ".alerts";
        await File.WriteAllLinesAsync(input, messages.Select(m => m.Json));
        try
        {
            (await ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "streamcx.dll"), "replay", "--input", input, "--output", alerts]))
                .EnsureSuccess("streamcx replay");
            return [.. (await File.ReadAllLinesAsync(alerts)).Where(l => l.Length > 0)];
        }
        finally
        {
            File.Delete(input);
            File.Delete(alerts);
        }
    }
}
