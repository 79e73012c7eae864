using System.Text;
using System.Text.Json.Nodes;
using StreamCx.IntegrationTests.Infrastructure;
using StreamCx.IntegrationTests.Kafka;
using Xunit.Abstractions;

namespace StreamCx.IntegrationTests.Equivalence;

/// <summary>
/// One truth, end to end: the same feedback gives, on the alerts topic of real engine processes consuming the real
/// broker, exactly the alert emissions <c>replay</c> writes for it (all but <c>emittedAt</c>) — whether it comes on one
/// topic with a few messages out of place, as a backlog over three topics of four partitions, across three SIGKILLs, on
/// three engines sharing the work, or while engines join, leave and are killed.
/// </summary>
[Collection(RealKafkaCollection.Name)]
public sealed class EquivalenceTests(RealKafkaFixture kafka, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task One_topic_with_early_and_re_sent_messages_gives_the_alerts_of_replay()
    {
        var feedback = new EquivalenceFeedback(seed: 11);
        var messages = feedback.WithSomeOutOfPlace(seed: 11);
        var topic = RealKafkaFixture.UniqueName("feedback.eq");
        var run = new Run(kafka, [topic]);
        await run.ProduceAsync(messages, _ => topic);

        await using var engine = run.StartEngine("engine");
        await run.AwaitEverythingAppliedAsync(engine);

        var status = await engine.StatusAsync();
        Assert.Equal(0, status["tooLate"]!.GetValue<long>());
        Assert.True(status["eventTime"]!["early"]!.GetValue<long>() > 0, "the early messages were held as outliers");
        await AssertSameAsReplayAsync(run, messages);
    }

    [Fact]
    public async Task A_backlog_over_three_topics_of_four_partitions_gives_the_alerts_of_replay_and_nothing_too_late()
    {
        var feedback = new EquivalenceFeedback(seed: 12);
        var topics = new[] { "store", "web", "app" }.ToDictionary(c => c, c => RealKafkaFixture.UniqueName($"feedback.{c}"));
        var run = new Run(kafka, [.. topics.Values]);
        await run.ProduceAsync(feedback.Messages, m => topics[m.Channel]); // all of it before the engine starts

        await using var engine = run.StartEngine("engine");
        await run.AwaitEverythingAppliedAsync(engine);

        var status = await engine.StatusAsync();
        Assert.Equal(0, status["tooLate"]!.GetValue<long>());
        Assert.Equal(0, status["late"]!.GetValue<long>());
        await AssertSameAsReplayAsync(run, feedback.Messages);
    }

    [Fact]
    public async Task Killed_three_times_while_consuming_it_gives_the_alerts_of_replay_each_emission_once()
    {
        var feedback = new EquivalenceFeedback(seed: 13);
        var topic = RealKafkaFixture.UniqueName("feedback.eqcrash");
        var run = new Run(kafka, [topic], ["--set", "Snapshots:EveryEvents=1500", "--set", "Snapshots:EveryInterval=00:00:01"]);
        // four quarters: each life gets one more to consume, so it always has fresh events to be killed in the middle of,
        // however fast it drains what came before (with everything produced at once, a fast first life could apply all of
        // it before the poll saw its kill point, and the next lives had too little left to reach theirs)
        var quarters = feedback.Messages.Chunk((feedback.Messages.Count + 3) / 4).ToArray();

        var random = new Random(13);
        for (var kill = 1; kill <= 3; kill++)
        {
            var quarter = quarters[kill - 1];
            await run.ProduceAsync(quarter, _ => topic, ensureTopics: kill == 1, markers: false);
            var engine = run.StartEngine($"engine life {kill}");
            // each life applies at least its quarter's feedback (and what it re-applies on top of the last snapshot)
            var fresh = quarter.Count(EquivalenceFeedback.IsFeedback);
            var killAt = random.Next(fresh / 4, fresh * 3 / 4);
            await Poll.UntilAsync(async () => await AppliedAsync(engine) >= killAt, Patience, () => $"{killAt} events applied\n{engine.Tail()}");
            await engine.DisposeAsync(); // SIGKILL: no stop, no final snapshot, no commit
        }

        await run.ProduceAsync(quarters[3], _ => topic, ensureTopics: false);
        await using var last = run.StartEngine("engine after the kills");
        await run.AwaitEverythingAppliedAsync(last);
        var status = await last.StatusAsync();
        Assert.Equal(0, status["tooLate"]!.GetValue<long>()); // copies forwarded again after the kills are known as copies, however old
        await AssertSameAsReplayAsync(run, feedback.Messages);
    }

    [Fact]
    public async Task Three_engines_in_one_group_on_twelve_partitions_give_the_alerts_of_replay()
    {
        const int seed = 14;
        var feedback = new EquivalenceFeedback(seed);
        var (run, topic) = await Run.OnTwelvePartitionsAsync(kafka, "feedback.eqscale");
        await run.ProduceAsync(feedback.Messages, _ => topic, ensureTopics: false);

        await using var one = run.StartEngine("engine 1");
        await using var two = run.StartEngine("engine 2");
        await using var three = run.StartEngine("engine 3");
        // every engine answers region-scores queries for every region while they consume: a non-owner reads the sites it
        // does not hold from the owner's snapshots, and must raise nothing (the comparison with replay below finds any extra)
        using var consumed = new CancellationTokenSource();
        var queries = QueryEveryRegionAsync([one, two, three], consumed.Token);
        await run.AwaitEverythingAppliedAsync(one, two, three);
        await consumed.CancelAsync();
        Assert.True(await queries > 0, "region scores were read while consuming");
        await AssertEveryEngineShowsTheOwnersValuesAsync(seed, one, two, three); // sites, journeys and accounts

        foreach (var engine in new[] { one, two, three })
        {
            var regions = (await engine.StatusAsync())["kafka"]!["regions"]!["assignedPartitions"]!.AsArray();
            Assert.True(regions.Count is > 0 and < 12, $"{engine.Name} holds some of the 12 region partitions, not all: {regions.ToJsonString()}");
        }
        await AssertSameAsReplayAsync(run, feedback.Messages);
    }

    [Fact]
    public async Task Engines_joining_leaving_and_killed_while_consuming_give_the_alerts_of_replay()
    {
        var feedback = new EquivalenceFeedback(seed: 15);
        var (run, topic) = await Run.OnTwelvePartitionsAsync(kafka, "feedback.eqchurn", "--set", "Snapshots:EveryEvents=1500", "--set", "Snapshots:EveryInterval=00:00:01");
        // four quarters, each produced while the group has another membership, so every change happens while consuming
        var quarters = feedback.Messages.Chunk((feedback.Messages.Count + 3) / 4).ToArray();
        var produced = 0; // feedback events (what the sites count)
        static int FeedbackIn(EquivalenceFeedback.Message[] quarter) => quarter.Count(EquivalenceFeedback.IsFeedback);
        async Task ProduceQuarterAsync(int i)
        {
            await run.ProduceAsync(quarters[i], _ => topic, ensureTopics: false, markers: i == quarters.Length - 1, oneByOne: true);
            produced += FeedbackIn(quarters[i]);
        }
        // how far the group has come: what the sites count (an engine that left took its own totals with it, but the
        // sites it applied events to carry them on in their snapshots)
        async Task HalfOfTheLastQuarterAppliedAsync(int quarter, params EngineProcess[] engines)
        {
            var (counted, statuses) = (0L, "");
            await Poll.UntilAsync(
                async () =>
                {
                    counted = await CountedAsync(engines);
                    if (counted >= produced - (FeedbackIn(quarters[quarter]) / 2)) return true;
                    statuses = "";
                    foreach (var engine in engines) statuses += $"{engine.Name} status: {await StatusOrWhyNotAsync(engine)}\n";
                    return false;
                },
                Patience, () => $"{produced - (FeedbackIn(quarters[quarter]) / 2)} events applied (the sites counted {counted})\n{statuses}" + string.Join("\n", engines.Select(e => e.Tail())));
        }

        var engines = new List<EngineProcess>();
        EngineProcess Start(string name)
        {
            var engine = run.StartEngine(name);
            engines.Add(engine);
            return engine;
        }
        try
        {
            await ProduceQuarterAsync(0);
            var one = Start("engine 1");
            await HalfOfTheLastQuarterAppliedAsync(0, one);

            var two = Start("engine 2 (joins)");
            await HoldsRegionsAsync(two);
            await ProduceQuarterAsync(1);
            await HalfOfTheLastQuarterAppliedAsync(1, one, two);

            var behind = await WriteCountersAsync(one, two);
            Assert.Equal(0, await two.TerminateAsync(TimeSpan.FromSeconds(60))); // leaves: its regions go back to engine 1
            await ProduceQuarterAsync(2);
            var three = Start("engine 3 (joins)");
            await HoldsRegionsAsync(three);
            await HalfOfTheLastQuarterAppliedAsync(2, one, three);

            behind += await WriteCountersAsync(one, three);
            await one.DisposeAsync(); // SIGKILL: no stop, no final snapshot, no commit
            engines.Remove(one);
            await ProduceQuarterAsync(3);
            var four = Start("engine 4 (joins)");
            await run.AwaitEverythingAppliedAsync(three, four);

            behind += await WriteCountersAsync(three, four);
            foreach (var engine in new[] { three, four })
            {
                var regions = (await engine.StatusAsync())["kafka"]!["regions"]!["assignedPartitions"]!.AsArray();
                Assert.True(regions.Count is > 0 and < 12, $"{engine.Name} holds some of the 12 region partitions, not all: {regions.ToJsonString()}");
            }
            await AssertSameAsReplayAsync(run, feedback.Messages);
            // and not by luck: no event was passed by the frontier while its source partition changed reader (the source
            // wrote in event order, so nothing else can put an event behind it)
            Assert.Equal(0, behind);
        }
        finally
        {
            foreach (var engine in engines) await engine.DisposeAsync();
        }
    }

    /// <summary>
    /// Writes each engine's counters to the test output: what was late for an engine is where a difference with replay
    /// comes from. Returns the events that came behind the frontier of their region's channel, summed over the engines.
    /// </summary>
    private async Task<long> WriteCountersAsync(params EngineProcess[] engines)
    {
        var behind = 0L;
        foreach (var engine in engines)
        {
            var status = await engine.StatusAsync();
            behind += status["eventTime"]!["behindFrontier"]!.GetValue<long>();
            // what came behind, and when partitions changed hands around it (a failed run says where to look)
            string[] telling = ["came behind the frontier", "Kafka partitions", "did not settle"];
            foreach (var line in engine.Lines.Where(l => telling.Any(t => l.Contains(t, StringComparison.Ordinal)))) output.WriteLine($"{engine.Name}: {line}");
            output.WriteLine($"{engine.Name}: applied {status["applied"]}, late {status["late"]}, tooLate {status["tooLate"]}, duplicates {status["duplicates"]}, early {status["eventTime"]?["early"]}, behind frontier {status["eventTime"]?["behindFrontier"]}, regions {status["kafka"]?["regions"]?["assignedPartitions"]?.ToJsonString()}");
        }
        return behind;
    }

    /// <summary>Reads every region's scores on every engine, over and over until cancelled; returns how many answers came.</summary>
    private static async Task<int> QueryEveryRegionAsync(EngineProcess[] engines, CancellationToken ct)
    {
        var regions = EquivalenceFeedback.Regions;
        var answers = 0;
        while (!ct.IsCancellationRequested)
        {
            foreach (var engine in engines)
            {
                foreach (var region in regions)
                {
                    try
                    {
                        using var response = await engine.Http.GetAsync(new Uri($"/api/regions/{region}/scores", UriKind.Relative), ct);
                        if (response.IsSuccessStatusCode) answers++;
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        // not listening yet, or the run is over
                    }
                }
            }
            try
            {
                await Task.Delay(200, ct);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return answers;
    }

    /// <summary>
    /// Every engine's region scores show, for every site, the values of the engine that holds it (a non-owner reads them
    /// from the owner's snapshot, taken within <c>Snapshots:EveryInterval</c>): waits until the three agree on every count.
    /// </summary>
    private static async Task AssertEveryEngineShowsTheOwnersValuesAsync(int seed, params EngineProcess[] engines)
    {
        var differences = "";
        await Poll.UntilAsync(
            async () =>
            {
                differences = "";
                foreach (var region in EquivalenceFeedback.Regions)
                {
                    var views = new List<string>();
                    foreach (var engine in engines) views.Add(RegionCounts(await engine.Http.GetStringAsync(new Uri($"/api/regions/{region}/scores", UriKind.Relative))));
                    if (views.Distinct(StringComparer.Ordinal).Count() > 1) differences += $"{region}:\n  " + string.Join("\n  ", views) + "\n";
                }
                // and every journey and account, whichever engine holds its partition (the others read its snapshot)
                foreach (var path in EquivalenceFeedback.JourneyAndAccountPaths(seed))
                {
                    var views = new List<string>();
                    foreach (var engine in engines) views.Add(await BodyOrStatusAsync(engine, path));
                    if (views.Any(v => !v.StartsWith('{')) || views.Distinct(StringComparer.Ordinal).Count() > 1) differences += $"{path}:\n  " + string.Join("\n  ", views) + "\n";
                }
                return differences.Length == 0;
            },
            TimeSpan.FromSeconds(60), () => "every engine shows the owners' counts\n" + differences);
    }

    private static async Task<string> BodyOrStatusAsync(EngineProcess engine, string path)
    {
        using var response = await engine.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"{(int)response.StatusCode} from {engine.Name}";
    }

    private static string RegionCounts(string json)
    {
        var sites = System.Text.Json.Nodes.JsonNode.Parse(json)!["sites"]!.AsArray();
        return string.Join(" ", sites.Select(s => s!["siteId"]!.GetValue<string>() + "=" + string.Join(",",
            s["attributes"]!.AsObject().OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}:{a.Value!["count"]}/{a.Value["window"]?["count"]}/{a.Value["window"]?["mean"]}"))));
    }

    private static async Task<string> StatusOrWhyNotAsync(EngineProcess engine)
    {
        try
        {
            return (await engine.StatusAsync()).ToJsonString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"(not answering: {e.Message})";
        }
    }

    /// <summary>Events the sites have counted (one attribute every event rates), each site as the engine that holds it says.</summary>
    private static async Task<long> CountedAsync(EngineProcess[] engines)
    {
        try
        {
            var counted = await Counts.ReportedAsync(EquivalenceFeedback.Sites, engines);
            return counted.Where(c => c.Key.Attribute == "waiting-time").Sum(c => c.Value);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0; // an engine not listening yet, or not answering within the client's timeout (a starting engine on a busy machine)
        }
    }

    /// <summary>Waits until a joining engine holds some of the region partitions (the group rebalanced to it).</summary>
    private static async Task HoldsRegionsAsync(EngineProcess engine)
    {
        await engine.WaitUntilReadyAsync(Patience);
        await Poll.UntilAsync(async () => (await engine.StatusAsync())["kafka"]!["regions"]!["assignedPartitions"]!.AsArray().Count > 0,
            Patience, () => $"{engine.Name} holds region partitions\n{engine.Tail()}");
    }

    private async Task AssertSameAsReplayAsync(Run run, IReadOnlyList<EquivalenceFeedback.Message> messages)
    {
        var replayed = await run.ReplayAsync(messages);
        var live = AlertLines.Parse(kafka.ReadAll(run.AlertsTopic).Select(r => Encoding.UTF8.GetString(r.Message.Value)));
        var (missing, extra, conflicting, duplicated) = live.Against(replayed);
        output.WriteLine($"replay {replayed.Count} emissions; live {live.Count}: missing {missing.Count}, extra {extra.Count}, conflicting {conflicting.Count}, identical copies {duplicated}");
        Assert.True(replayed.ByKey.Values.Any(v => v[0].Contains("\"kind\":\"trend\"", StringComparison.Ordinal)), "the scenario gives a trend alert in replay");
        Assert.True(replayed.ByKey.Values.Any(v => v[0].Contains("\"kind\":\"peer\"", StringComparison.Ordinal)), "the scenario gives a peer alert in replay");
        foreach (var kind in new[] { "complaints", "internal", "social", "watermelon", "divergence", "channel" })
            Assert.True(replayed.ByKey.Values.Any(v => v[0].Contains($"\"kind\":\"{kind}\"", StringComparison.Ordinal)), $"the scenario gives a {kind} alert in replay");
        Assert.True(replayed.ByKey.Values.Any(v => v[0].Contains("\"units\":[{\"unitId\":\"seller-1\"", StringComparison.Ordinal)), "the scenario gives an alert naming seller-1 in replay");
        Assert.True(replayed.ByKey.Values.Any(v => v[0].Contains("\"scope\":\"network\"", StringComparison.Ordinal)), "the scenario gives a network group in replay");
        Assert.True(replayed.ByKey.Values.Any(v => v[0].Contains($"\"siteId\":\"{EquivalenceFeedback.JourneyIndicatorSite}\"", StringComparison.Ordinal)
            && v[0].Contains("\"attributeId\":\"journeys-not-red\"", StringComparison.Ordinal)), "the scenario gives a journey indicator alert in replay");
        Assert.True(replayed.ByKey.Values.Any(v => JsonNode.Parse(v[0])!["incidents"] is JsonArray { Count: > 0 }), "the scenario gives a site alert citing an incident in replay");
        Assert.True(replayed.ByKey.Values.Any(v => JsonNode.Parse(v[0]) is { } alert && (string?)alert["attributeId"] != Domain.Social.SocialAlerts.SocialAttributeId
            && alert["factors"]!.AsArray().Any(f => (string?)f!["kind"] == "social" && f["spreading"] is not null)), "the scenario gives a survey alert escalated as spreading in replay");
        Assert.True(missing.Count + extra.Count + conflicting.Count == 0,
            $"missing {missing.Count}, extra {extra.Count}, conflicting {conflicting.Count}\n" + string.Join("\n", missing.Take(3).Select(m => "missing " + m).Concat(extra.Take(3).Select(e => "extra " + e)).Concat(conflicting.Take(3))));
    }

    private static async Task<long> AppliedAsync(EngineProcess engine)
    {
        try
        {
            return await engine.AppliedAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0; // not listening yet, or not answering within the client's timeout
        }
    }

    /// <summary>One case: its topics, alerts topic, group and state store; the feedback produced, the engines started, replay run.</summary>
    private sealed class Run(RealKafkaFixture kafka, string[] topics, string[]? extra = null, string? group = null)
    {
        private readonly string _group = group ?? RealKafkaFixture.UniqueName("group");
        private readonly string _db = Path.Combine(Path.GetTempPath(), $"streamcx-eq-{Guid.NewGuid():N}.db");
        private readonly List<EquivalenceFeedback.Message> _markers = [];
        private readonly HashSet<string> _listening = new(StringComparer.Ordinal); // ids of the listening messages produced
        private readonly HashSet<string> _journeys = new(StringComparer.Ordinal); // ids of the messages the journeys take (journey messages, feedback of a journey or an account)

        public string AlertsTopic { get; } = RealKafkaFixture.UniqueName("alerts");

        /// <summary>A case on a feedback topic and a region topic of 12 partitions each, its engines sharing one PostgreSQL database.</summary>
        public static async Task<(Run Run, string Topic)> OnTwelvePartitionsAsync(RealKafkaFixture kafka, string name, params string[] extra)
        {
            var topic = RealKafkaFixture.UniqueName(name);
            var group = RealKafkaFixture.UniqueName("group");
            await kafka.CreateTopicAsync(topic, 12);
            await kafka.CreateTopicAsync(group + ".regions", 12);
            string[] store = ["--set", "Snapshots:Provider=postgresql", "--set", $"Snapshots:ConnectionString={PostgresServer.Shared.NewDatabase()}"];
            return (new Run(kafka, [topic], [.. store, .. extra], group), topic);
        }

        /// <summary>
        /// Produces the messages, then (unless <paramref name="markers"/> is false: more is coming) the end markers. With
        /// <paramref name="oneByOne"/>, each message is written only once the broker has the one before: a source that
        /// writes in order of event time, as a live one does. (Written in batches, one partition can get its records
        /// seconds after another got later ones, under load longer than a reader waits for a partition read to its end:
        /// those records then come behind the frontier, by no fault of the engine.)
        /// </summary>
        public async Task ProduceAsync(IReadOnlyList<EquivalenceFeedback.Message> messages, Func<EquivalenceFeedback.Message, string> topicOf, bool ensureTopics = true, bool markers = true, bool oneByOne = false)
        {
            if (ensureTopics) await kafka.EnsureTopicsAsync(topics);
            using var producer = kafka.CreateProducer(lingerMs: oneByOne ? 0 : 5);
            foreach (var m in messages)
            {
                var record = new Confluent.Kafka.Message<string?, byte[]> { Key = m.SiteId, Value = Encoding.UTF8.GetBytes(m.Json) };
                if (oneByOne) await producer.ProduceAsync(topicOf(m), record);
                else producer.Produce(topicOf(m), record);
            }
            _listening.UnionWith(messages.Where(m => m.EventId.StartsWith(EquivalenceFeedback.ListeningPrefix, StringComparison.Ordinal)).Select(m => m.EventId));
            _journeys.UnionWith(messages.Where(m => m.EventId.StartsWith(EquivalenceFeedback.JourneyPrefix, StringComparison.Ordinal)
                || m.Json.Contains("\"journeyId\"", StringComparison.Ordinal) || m.Json.Contains("\"accountId\"", StringComparison.Ordinal)).Select(m => m.EventId));
            // a marker per site and topic, after everything and half an hour after the last feedback in event time (within
            // the outlier threshold of every partition's time, however few sites a partition has): once every site counted its
            // markers, everything before them has been applied (see Infrastructure/Markers.cs)
            var end = EquivalenceFeedback.Start.AddHours(66.5);
            foreach (var topic in markers ? topics : [])
            {
                foreach (var site in messages.Select(m => m.SiteId).Where(EquivalenceFeedback.Sites.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    var id = $"marker-{topic}-{site}";
                    var json = $$$"""{"eventId":"{{{id}}}","occurredAt":"{{{end:O}}}","siteId":"{{{site}}}","channel":"store","ratings":{"{{{FeedbackEvents.MarkerAttribute}}}":3}}""";
                    _markers.Add(new EquivalenceFeedback.Message(id, site, "store", json));
                    producer.Produce(topic, new Confluent.Kafka.Message<string?, byte[]> { Key = site, Value = Encoding.UTF8.GetBytes(json) });
                }
            }
            producer.Flush(TimeSpan.FromSeconds(60));
        }

        public EngineProcess StartEngine(string name) =>
            EngineProcess.Start(name, kafka.EngineArguments(_group, AlertsTopic, RealKafkaFixture.UniqueName("dlq"), topics)
                .Concat(["--set", $"Snapshots:ConnectionString={_db}"]).Concat(extra ?? []));

        /// <summary>
        /// Waits until every site counted all its markers (on the engine that holds its region: the others read its last
        /// snapshot) and every alert emission is on the alerts topic.
        /// </summary>
        public async Task AwaitEverythingAppliedAsync(params EngineProcess[] engines)
        {
            var expected = _markers.GroupBy(m => m.SiteId).ToDictionary(g => g.Key, g => (long)g.Count());
            foreach (var engine in engines) await engine.WaitUntilReadyAsync(Patience);
            var waitingFor = "";
            await Poll.UntilAsync(
                async () =>
                {
                    var missing = new List<string>();
                    foreach (var (site, count) in expected)
                    {
                        var counts = new List<IReadOnlyDictionary<string, long>>();
                        foreach (var engine in engines) counts.Add(await engine.AttributeCountsAsync(site));
                        var counted = counts.Max(c => c.GetValueOrDefault(FeedbackEvents.MarkerAttribute));
                        if (counted < count) missing.Add($"{site}: {counted} of its {count} markers counted, waiting-time counted {string.Join(" / ", counts.Select(c => c.GetValueOrDefault("waiting-time")))}");
                    }
                    if (missing.Count == 0) return true;
                    waitingFor = $"{missing.Count} sites:\n{string.Join("\n", missing)}\n";
                    foreach (var engine in engines) waitingFor += $"{engine.Name} status: {(await engine.StatusAsync()).ToJsonString()}\n";
                    return false;
                },
                Patience, () => "every site's markers applied; " + waitingFor + string.Join("\n", engines.Select(e => e.Tail())));
            // the listening sources: every message taken in (each counted once by the channel that holds it, restored
            // counters included) and none held; the frontier passed them all once the markers were applied
            var heard = "";
            await Poll.UntilAsync(
                async () =>
                {
                    var (taken, held) = (0L, 0L);
                    foreach (var engine in engines)
                    {
                        var listening = (await engine.StatusAsync())["listening"]!;
                        taken += listening["byType"]!.AsObject().Sum(t => t.Value!.GetValue<long>());
                        held += listening["held"]!.GetValue<long>();
                    }
                    heard = $"{taken} of {_listening.Count} listening messages taken, {held} held";
                    return taken >= _listening.Count && held == 0;
                },
                Patience, () => "every listening message applied: " + heard);
            // the journeys: every message they take counted once (by the partition that holds its counted copy), none held
            var journeys = "";
            await Poll.UntilAsync(
                async () =>
                {
                    var (applied, held) = (0L, 0L);
                    foreach (var engine in engines)
                    {
                        var status = (await engine.StatusAsync())["journeys"]!;
                        applied += status["applied"]!.GetValue<long>();
                        held += status["held"]!.GetValue<long>();
                    }
                    journeys = $"{applied} of {_journeys.Count} journey messages applied, {held} held";
                    return applied >= _journeys.Count && held == 0;
                },
                Patience, () => "every journey message applied: " + journeys);
            // the journey indicators: the network grouping's owner has applied the readings the channels passed, up to the
            // markers' time (the Bordeaux journeys end before it)
            var watched = "";
            await Poll.UntilAsync(
                async () =>
                {
                    var (through, applied) = ((DateTimeOffset?)null, 0L);
                    foreach (var engine in engines)
                    {
                        if ((await engine.StatusAsync())["network"] is not JsonObject network) continue;
                        applied += network["readingsApplied"]!.GetValue<long>();
                        if (network["through"]?.GetValue<DateTimeOffset>() is { } t && (through is null || t > through)) through = t;
                    }
                    watched = $"journey indicator readings applied {applied}, the network through {through:O}";
                    return applied > 0 && through >= EquivalenceFeedback.Start.AddHours(66);
                },
                Patience, () => "the journey indicators watched up to the markers: " + watched);
            foreach (var engine in engines)
            {
                var last = "";
                await Poll.UntilAsync(
                    async () =>
                    {
                        var status = await engine.StatusAsync();
                        last = status.ToJsonString();
                        return status["alertsToKafka"]!["pending"]!.GetValue<long>() == 0 && status["eventTime"]!["held"]!.GetValue<long>() == 0;
                    },
                    TimeSpan.FromSeconds(60), () => $"every alert delivered and nothing held on {engine.Name}; its status: {last}\n" + engine.Tail());
            }
        }

        /// <summary>Replays the same messages (markers included), in the order they were produced, with the real executable.</summary>
        public async Task<AlertLines> ReplayAsync(IReadOnlyList<EquivalenceFeedback.Message> messages)
        {
            var input = Path.Combine(Path.GetTempPath(), $"streamcx-eq-{Guid.NewGuid():N}.jsonl");
            var alerts = input + ".alerts";
            await File.WriteAllLinesAsync(input, messages.Concat(_markers).Select(m => m.Json));
            try
            {
                (await ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "streamcx.dll"), "replay", "--input", input, "--output", alerts]))
                    .EnsureSuccess("streamcx replay");
                return AlertLines.Parse(await File.ReadAllLinesAsync(alerts));
            }
            finally
            {
                File.Delete(input);
                File.Delete(alerts);
            }
        }
    }
}
