using System.Text.Json;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>The observed engine runs with <c>Logging:Console:FormatterName=json</c>: its console is a JSON log with stable event ids.</summary>
[Collection(ObservedEngineCollection.Name)]
public class KeyEventLogTests(ObservedEngineFixture engine)
{
    private List<JsonElement> Entries() => engine.Engine.StandardOutput.Select(l =>
    {
        using var doc = JsonDocument.Parse(l);
        return doc.RootElement.Clone();
    }).ToList();

    private List<JsonElement> WithEventId(int id) => Entries().Where(e => e.GetProperty("EventId").GetInt32() == id).ToList();

    [Fact]
    public void Every_console_line_is_one_JSON_log_entry()
    {
        Assert.NotEmpty(engine.Engine.StandardOutput);
        foreach (var line in engine.Engine.StandardOutput)
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var field in new[] { "EventId", "LogLevel", "Category", "Message" })
                Assert.True(doc.RootElement.TryGetProperty(field, out _), $"no {field} in: {line}");
        }
    }

    [Fact]
    public void Partition_assignment_is_logged_with_event_id_1001_for_the_feedback_topic_and_the_region_topic()
    {
        var assigned = WithEventId(1001);
        Assert.Equal(2, assigned.Count);
        Assert.Single(assigned, a => a.GetProperty("Message").GetString()!.Contains(engine.Topic + "[0]", StringComparison.Ordinal));
        Assert.Single(assigned, a => a.GetProperty("Message").GetString()!.Contains(".regions[0]", StringComparison.Ordinal));
        Assert.All(assigned, a => Assert.Equal("Information", a.GetProperty("LogLevel").GetString()));
    }

    [Fact]
    public void Each_rejected_message_is_logged_with_event_id_2001_and_its_reason_code()
    {
        var rejected = WithEventId(2001);
        var codes = rejected.GroupBy(e => e.GetProperty("State").GetProperty("ReasonCode").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(engine.Feedback.RejectedByReason, codes);
        Assert.All(rejected, e => Assert.Equal(engine.Topic, e.GetProperty("State").GetProperty("Topic").GetString()));
    }

    [Fact]
    public void The_peer_alert_is_logged_as_opened_with_event_id_3001()
    {
        var opened = WithEventId(3001);
        Assert.Contains(opened, e => e.GetProperty("State").GetProperty("SiteId").GetString() == "s0"
                                     && e.GetProperty("State").GetProperty("Factors").GetString()!.Contains("peer", StringComparison.Ordinal));
        Assert.All(opened, e => Assert.Equal("StreamCx.Engine.Events", e.GetProperty("Category").GetString()));
    }

}
