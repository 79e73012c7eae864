using System.Diagnostics;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Journeys;

/// <summary>
/// The journeys of Program.cs through a processor that passivates them as the engine does (Journeys:PassivateAfter, one
/// day of event time, onto a SQLite shelf in the temporary directory): memory while they come in (about a day's worth in
/// memory), memory once every one is idle, the shelf's file; then a contact on 1 % of them (each brought back from the
/// shelf) and the whole snapshot read from memory and shelf.
/// </summary>
internal static class Passivation
{
    public static void Run(int journeys, int contacts)
    {
        var catalog = new ReferenceCatalog([new Site("s1", "Site 1", "north")], [], [new Department("support", "Support"), new Department("field-service", "Field service")]);
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var spacing = TimeSpan.FromDays(10) / journeys;
        string[] departments = ["support", "field-service"];
        var directory = Path.Combine(Path.GetTempPath(), $"streamcx-perf-shelf-{Environment.ProcessId}");
        var settings = new JourneySettings();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var processor = new JourneyProcessor(catalog, settings, TimeProvider.System, shelf: new SqliteJourneyShelf(directory, "regions/0"));
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < journeys; i++)
        {
            var at = start + (spacing * i);
            for (var k = 0; k < contacts; k++)
            {
                var when = at.AddMinutes(k);
                _ = k % 2 == 0
                    ? processor.Process(new JourneyStep($"st-{i}-{k}", when, $"jrn-2026-{i:D9}", departments[k % 2], "call") { CustomerId = $"cus-{i:D9}" })
                    : processor.Process(new FeedbackEvent($"fb-{i}-{k}", when, "s1", "phone", RatingDictionary.Empty)
                    {
                        JourneyId = $"jrn-2026-{i:D9}", CustomerId = $"cus-{i:D9}", Department = departments[k % 2], Csat = 2,
                    });
            }
        }
        var built = watch.Elapsed;
        var whileComing = GC.GetTotalMemory(forceFullCollection: true) - before;
        var inMemory = processor.Journeys.Count - processor.Journeys.Passivated;
        Console.WriteLine($"{journeys} open journeys of {contacts} contacts, passivated after {settings.PassivateAfter.TotalDays:0} day idle: {(double)journeys * contacts / built.TotalSeconds:0} messages/s on one thread ({built.TotalSeconds:0.0} s)");
        Console.WriteLine($"  at the end of the 10 days: {inMemory} in memory, {processor.Journeys.Passivated} passivated; {whileComing / 1048576.0:0.0} MiB reachable = {(double)whileComing / journeys:0} bytes per open journey");

        watch.Restart();
        processor.Advance(start.AddDays(12)); // every journey idle for a day at least
        var idle = watch.Elapsed;
        var allIdle = GC.GetTotalMemory(forceFullCollection: true) - before;
        var file = Directory.GetFiles(directory).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"  two days later ({idle.TotalSeconds:0.0} s to passivate the rest): {processor.Journeys.Count - processor.Journeys.Passivated} in memory, {processor.Journeys.Passivated} passivated; "
            + $"{allIdle / 1048576.0:0.0} MiB reachable = {(double)allIdle / journeys:0.0} bytes per open journey (the duplicate filter's ids included); shelf file {file / 1048576.0:0} MiB = {(double)file / journeys:0} bytes per journey");

        var changed = Math.Max(1, journeys / 100);
        var later = start.AddDays(12).AddHours(1);
        watch.Restart();
        for (var n = 0; n < changed; n++)
        {
            var i = (int)((long)n * journeys / changed);
            processor.Process(new JourneyStep($"again-{i}", later.AddTicks(n), $"jrn-2026-{i:D9}", "support", "call") { CustomerId = $"cus-{i:D9}" });
        }
        processor.Advance(later.AddHours(2));
        var back = watch.Elapsed;
        Console.WriteLine($"  a contact on {changed} of them: each brought back from the shelf and applied in {back.TotalMicroseconds / changed:0} µs ({changed / back.TotalSeconds:0} messages/s); {processor.Journeys.Count - processor.Journeys.Passivated} in memory");

        watch.Restart();
        var snapshot = StreamCx.Engine.Durability.SnapshotCodec.Encode(new StreamCx.Engine.Durability.JourneyChannelSnapshot(
            StreamCx.Engine.Durability.JourneyChannelSnapshot.CurrentVersion, "regions/0", processor.Capture(), new Dictionary<string, long>(), new Dictionary<string, long>()));
        Console.WriteLine($"  whole snapshot, read from memory and shelf: {snapshot.Length / 1048576.0:0.0} MiB in {watch.Elapsed.TotalSeconds:0.00} s");
    }
}
