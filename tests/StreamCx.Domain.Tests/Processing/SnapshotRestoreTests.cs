using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.Scenarios;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>
/// A monitor restored from a snapshot (through JSON, as the engine stores it) behaves exactly as the monitor that wrote
/// it: the same alerts for the rest of the stream and the same final state — seasonal profile (daily and weekly, in local
/// time), the offsets the events carried, and the drift evidence included.
/// </summary>
public sealed class SnapshotRestoreTests
{
    private const string Attr = "waiting-time";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, // as the engine's SnapshotCodec
    };
    private static readonly DateTimeOffset EmittedAt = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A Saturday-afternoon dip, and from day 9 a step of 1.4 (sparse site: the drift evidence builds up).</summary>
    private static double Mean(DateTime local, double hours) =>
        4.2 - (local.DayOfWeek == DayOfWeek.Saturday && local.Hour is >= 14 and < 18 ? 0.6 : 0) - (hours > 9 * 24 ? 1.4 : 0);

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData(null)]
    public void A_restored_monitor_emits_the_same_alerts_and_ends_in_the_same_state(string? timeZone)
    {
        var catalog = LocalFeedback.Catalog(Attr, timeZone);
        var site = catalog.Site("s0");
        var attribute = catalog.Attribute(Attr);
        var events = LocalFeedback.Stream("s0", Attr, Paris, 16, 3, Mean, seed: 5).ToList();
        var settings = new DetectionSettings();

        foreach (var cut in new[] { events.Count / 3, (2 * events.Count) / 3, events.Count - 40 })
        {
            var original = new AttributeMonitor(site, attribute, settings);
            var originalAlerts = new List<string>();
            for (var i = 0; i < cut; i++) Step(original, events[i], originalAlerts);

            var snapshot = RoundTrip(original.ToSnapshot());
            Assert.NotNull(snapshot.WeeklyProfile);
            Assert.NotNull(snapshot.Drift);
            Assert.NotNull(snapshot.SlowFall);
            var restored = new AttributeMonitor(site, attribute, settings);
            restored.Restore(snapshot);

            var restoredAlerts = new List<string>();
            for (var i = cut; i < events.Count; i++)
            {
                Step(original, events[i], originalAlerts);
                Step(restored, events[i], restoredAlerts);
            }
            Assert.Equal(originalAlerts.Skip(originalAlerts.Count - restoredAlerts.Count), restoredAlerts);
            Assert.Equal(JsonSerializer.Serialize(original.ToSnapshot(), Json), JsonSerializer.Serialize(restored.ToSnapshot(), Json));
            Assert.Contains(originalAlerts, a => a.Contains("\"status\":\"open\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_snapshot_written_before_local_time_profiles_learns_its_profile_again_and_keeps_its_windows()
    {
        var catalog = LocalFeedback.Catalog(Attr, "Europe/Paris");
        var monitor = new AttributeMonitor(catalog.Site("s0"), catalog.Attribute(Attr), new DetectionSettings());
        foreach (var e in LocalFeedback.Stream("s0", Attr, Paris, 5, 10, (_, _) => 4.2, seed: 1)) Step(monitor, e, []);
        var old = monitor.ToSnapshot() with { WeeklyProfile = null, LocalOffsets = null, Drift = null };

        var restored = new AttributeMonitor(catalog.Site("s0"), catalog.Attribute(Attr), new DetectionSettings());
        restored.Restore(old);

        Assert.Equal(old.Buckets.Count, restored.ToSnapshot().Buckets.Count);
        Assert.Equal(0, restored.Profile.LearnedHours);
    }

    [Fact]
    public void A_site_restored_in_its_region_keeps_the_regional_weekly_effects_it_had_read_and_an_older_snapshot_reads_them_again()
    {
        var catalog = LocalFeedback.Catalog(Attr, "Europe/Paris", sites: 3);
        var processor = Feedback.Processor(catalog);
        var events = Feedback.Merge(Enumerable.Range(0, 3).Select(i => LocalFeedback.Stream($"s{i}", Attr, Paris, 9, 10, Mean, seed: 10 + i)).ToArray());
        Feedback.Run(processor, events);
        var saturday15 = processor.Monitor("s0", Attr)!.Profile.RegionalWeekly.ToArray();
        Assert.Contains(saturday15, w => w < -0.2); // the Saturday dip, pooled over the three sites

        var (intake, attributes) = processor.Capture("s0");
        var written = RoundTrip(attributes[Attr]);
        Assert.Equal(saturday15, written.RegionalWeekly);
        processor.Restore("s0", intake, new Dictionary<string, AttributeMonitorSnapshot> { [Attr] = written });
        Assert.Equal(saturday15, processor.Monitor("s0", Attr)!.Profile.RegionalWeekly);

        processor.Restore("s0", intake, new Dictionary<string, AttributeMonitorSnapshot> { [Attr] = written with { RegionalWeekly = null } });
        Assert.Contains(processor.Monitor("s0", Attr)!.Profile.RegionalWeekly, w => w < -0.2); // read again from the region
    }

    private static void Step(AttributeMonitor monitor, FeedbackEvent e, List<string> alerts)
    {
        var (attributeId, value) = e.Ratings.Single();
        monitor.Apply(new AttributeObservation(attributeId, e.EventId, e.OccurredAt, e.Channel, value, e.Nps, value <= 2 ? "slow" : null), Lateness.OnTime);
        if (monitor.Evaluate([], null, EmittedAt) is { } alert) alerts.Add(ContractJson.Serialize(alert));
    }

    private static AttributeMonitorSnapshot RoundTrip(AttributeMonitorSnapshot s) =>
        JsonSerializer.Deserialize<AttributeMonitorSnapshot>(JsonSerializer.Serialize(s, Json), Json)!;
}
