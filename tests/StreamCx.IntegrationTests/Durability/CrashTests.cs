using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using StreamCx.Domain.ReferenceData;
using StreamCx.IntegrationTests.Infrastructure;
using StreamCx.IntegrationTests.Kafka;

namespace StreamCx.IntegrationTests.Durability;

/// <summary>
/// The engine killed with SIGKILL three times while it consumes 200,000 events of the 49 sample sites from the real
/// broker, restarted each time: at the end every site-attribute's count and sum equal what was produced, exactly.
/// </summary>
[Collection(RealKafkaCollection.Name)]
public sealed class CrashTests(RealKafkaFixture kafka)
{
    private const int EventCount = 200_000;
    private const int Kills = 3;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Killed_three_times_while_consuming_it_loses_nothing_and_counts_nothing_twice(string store)
    {
        var sites = ReferenceDataLoader.LoadSites(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "config", "sites.json"))).Select(s => s.SiteId).ToArray();
        var topic = RealKafkaFixture.UniqueName("feedback.crash");
        await kafka.EnsureTopicsAsync(topic);
        var reference = await ProduceAsync(topic, sites);

        var arguments = kafka.EngineArguments(RealKafkaFixture.UniqueName("group"), RealKafkaFixture.UniqueName("alerts"), RealKafkaFixture.UniqueName("dlq"), topic)
            .Concat(["--set", "Snapshots:EveryInterval=00:00:01", "--set", "Snapshots:EveryEvents=2000"])
            .Concat(store == "postgresql"
                ? ["--set", "Snapshots:Provider=postgresql", "--set", $"Snapshots:ConnectionString={PostgresServer.Shared.NewDatabase()}"]
                : ["--set", $"Snapshots:ConnectionString={Path.Combine(Path.GetTempPath(), $"streamcx-crash-{Guid.NewGuid():N}.db")}"])
            .ToArray();
        var random = new Random(42);
        for (var kill = 1; kill <= Kills; kill++)
        {
            var engine = EngineProcess.Start($"engine life {kill}", arguments);
            var killAt = random.Next(5_000, 40_000); // applied events in this life, i.e. a random moment of the consumption
            await Poll.UntilAsync(async () => await AppliedSafeAsync(engine) >= killAt, TimeSpan.FromSeconds(120), () => $"{killAt} events applied\n{engine.Tail()}");
            var remaining = reference.Values.Sum(v => v.Count) - (await ReportedAsync(engine, sites)).Values.Sum(v => v.Count);
            await engine.DisposeAsync(); // SIGKILL: no stop, no final snapshot, no commit
            Assert.True(remaining > 0, $"life {kill} was killed while it still had ratings to count");
        }

        await using var last = EngineProcess.Start("engine after the crashes", arguments);
        await last.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        var expectedTotal = reference.Values.Sum(v => v.Count);
        await Poll.UntilAsync(async () => (await ReportedAsync(last, sites)).Values.Sum(v => v.Count) >= expectedTotal, TimeSpan.FromSeconds(240),
            () => $"all {expectedTotal} ratings counted\n{last.Tail()}");
        // Markers (see Infrastructure/Markers.cs): one more event per site, after everything else; once every site has
        // counted its marker, every event before it has been counted, so anything counted twice shows now.
        await ProduceMarkersAsync(topic, sites, reference);
        await Poll.UntilAsync(async () => (await ReportedAsync(last, sites)).Count(r => r.Key.Attribute == FeedbackEvents.MarkerAttribute && r.Value.Count >= 1) == sites.Length,
            TimeSpan.FromSeconds(120), () => $"every site's marker counted\n{last.Tail()}");
        var reported = await ReportedAsync(last, sites);
        var wrong = reference.Where(r => reported.GetValueOrDefault(r.Key) != r.Value)
            .Select(r => $"{r.Key.Site}/{r.Key.Attribute}: produced {r.Value}, counted {reported.GetValueOrDefault(r.Key)}").ToList();
        wrong.AddRange(reported.Keys.Except(reference.Keys).Select(k => $"{k.Site}/{k.Attribute}: counted but never produced"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
    }

    private static async Task<long> AppliedSafeAsync(EngineProcess engine)
    {
        try
        {
            return await engine.AppliedAsync();
        }
        catch (HttpRequestException)
        {
            return 0; // not listening yet
        }
    }

    /// <summary>200,000 events in event-time order over the last two days, two ratings each; returns count and sum per site-attribute.</summary>
    private async Task<Dictionary<(string Site, string Attribute), (long Count, long Sum)>> ProduceAsync(string topic, string[] sites)
    {
        string[] attributes = ["waiting-time", "staff-courtesy", "product-availability", "cleanliness", "checkout-speed"];
        var random = new Random(7);
        var reference = new Dictionary<(string, string), (long Count, long Sum)>();
        var config = new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 20, Acks = Acks.All };
        foreach (var (key, value) in RealKafkaFixture.ClientProperties) config.Set(key, value);
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var failed = 0;
        for (var i = 0; i < EventCount; i++)
        {
            var site = sites[random.Next(sites.Length)];
            var ratings = attributes.OrderBy(_ => random.Next()).Take(2).ToDictionary(a => a, _ => 1 + random.Next(5));
            foreach (var (attribute, rating) in ratings)
            {
                var (count, sum) = reference.GetValueOrDefault((site, attribute));
                reference[(site, attribute)] = (count + 1, sum + rating);
            }
            var json = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["eventId"] = $"{topic}-{i}",
                ["occurredAt"] = start.AddSeconds(i * 172_000.0 / EventCount).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                ["siteId"] = site,
                ["channel"] = "store",
                ["ratings"] = ratings,
            });
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<string, string> { Key = site, Value = json }, r => { if (r.Error.IsError) Interlocked.Increment(ref failed); });
                    break;
                }
                catch (ProduceException<string, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        producer.Flush(TimeSpan.FromSeconds(120));
        Assert.Equal(0, failed);
        return reference;
    }

    private async Task ProduceMarkersAsync(string topic, string[] sites, Dictionary<(string Site, string Attribute), (long Count, long Sum)> reference)
    {
        var config = new ProducerConfig { BootstrapServers = kafka.BootstrapServers, Acks = Acks.All };
        foreach (var (key, value) in RealKafkaFixture.ClientProperties) config.Set(key, value);
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        foreach (var site in sites)
        {
            var json = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["eventId"] = $"{topic}-marker-{site}",
                ["occurredAt"] = at,
                ["siteId"] = site,
                ["channel"] = "store",
                ["ratings"] = new Dictionary<string, int> { [FeedbackEvents.MarkerAttribute] = 3 },
            });
            await producer.ProduceAsync(topic, new Message<string, string> { Key = site, Value = json });
            reference[(site, FeedbackEvents.MarkerAttribute)] = (1, 3);
        }
    }

    private static async Task<Dictionary<(string Site, string Attribute), (long Count, long Sum)>> ReportedAsync(EngineProcess engine, string[] sites)
    {
        var reported = new Dictionary<(string, string), (long, long)>();
        foreach (var site in sites)
        {
            var scores = JsonNode.Parse(await engine.Http.GetStringAsync(new Uri($"/api/sites/{site}/scores", UriKind.Relative)))!;
            foreach (var (attribute, node) in scores["attributes"]!.AsObject())
                reported[(site, attribute)] = (node!["count"]!.GetValue<long>(), (long)node["sum"]!.GetValue<double>());
        }
        return reported;
    }
}
