using System.Diagnostics;
using System.Globalization;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;

// Memory of open journeys and journey messages per second through the journeys' processor (one thread, as in the
// JourneysActor): N journeys of S contacts each (a step and an interaction survey in turn, two departments, none red),
// spread over 10 days of event time, none closed. Memory is what stays reachable after a full collection. Then the
// snapshot the engine saves of that processor (one region-topic partition holding all of them): its size, and the time
// to capture and encode it, whole and as a change (the changelog's next save, after a contact on 1 % of the journeys).
// usage: dotnet run -c Release --project perf/StreamCx.Perf.Journeys -- [journeys=1000000] [contacts=4] [changed share=0.01] [passivate]
// With "passivate" as a 4th argument: the same journeys through a processor that passivates them onto the engine's shelf (Passivation.cs).
if (args.Length > 3 && args[3] == "passivate")
{
    Passivation.Run(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4);
    return;
}
var journeys = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var contacts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var changedShare = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.01;
var catalog = new ReferenceCatalog([new Site("s1", "Site 1", "north")], [], [new Department("support", "Support"), new Department("field-service", "Field service")]);
var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
var spacing = TimeSpan.FromDays(10) / journeys;
string[] departments = ["support", "field-service"];

var processor = new JourneyProcessor(catalog, new JourneySettings(), TimeProvider.System);
var before = GC.GetTotalMemory(forceFullCollection: true);
var alerts = 0L;
var watch = Stopwatch.StartNew();
for (var i = 0; i < journeys; i++)
{
    var at = start + (spacing * i);
    var journeyId = $"jrn-2026-{i:D9}";
    var customerId = $"cus-{i:D9}";
    for (var k = 0; k < contacts; k++)
    {
        var when = at.AddMinutes(k);
        alerts += k % 2 == 0
            ? processor.Process(new JourneyStep($"st-{i}-{k}", when, journeyId, departments[k % 2], "call") { CustomerId = customerId }).Count
            : processor.Process(new FeedbackEvent($"fb-{i}-{k}", when, "s1", "phone", RatingDictionary.Empty)
            {
                JourneyId = journeyId, CustomerId = customerId, Department = departments[k % 2], Csat = 2,
            }).Count;
    }
}
var elapsed = watch.Elapsed;
var unsaved = GC.GetTotalMemory(forceFullCollection: true); // never saved: no change is kept yet (the book keeps changes from its first save on)
processor.Capture(); // a save: the change set is empty again (the engine saves every Snapshots:EveryInterval)
var after = GC.GetTotalMemory(forceFullCollection: true);
GC.KeepAlive(processor);

var perJourney = (double)(after - before) / journeys;
Console.WriteLine($"{journeys} open journeys of {contacts} contacts ({processor.Journeys.Count} held, {processor.Held} messages waiting for the lateness, {alerts} alerts)");
Console.WriteLine($"memory: {(after - before) / 1048576.0:0.0} MiB reachable after a full collection = {perJourney:0} bytes per open journey (the processor's duplicate filter and its held messages included) → {perJourney * 1_000_000 / 1073741824.0:0.00} GiB for 1 M");
Console.WriteLine($"  before the first save (no change kept yet): {(unsaved - before) / 1048576.0:0.0} MiB = {(double)(unsaved - before) / journeys:0} bytes per open journey");
Console.WriteLine($"throughput: {(double)journeys * contacts / elapsed.TotalSeconds:0} journey messages/s on one thread ({elapsed.TotalSeconds:0.0} s, message construction included)");

byte[] Encoded(StreamCx.Domain.Snapshots.JourneySnapshot? whole, StreamCx.Domain.Snapshots.JourneyChange? change) =>
    StreamCx.Engine.Durability.SnapshotCodec.Encode(new StreamCx.Engine.Durability.JourneyChannelSnapshot(
        StreamCx.Engine.Durability.JourneyChannelSnapshot.CurrentVersion, "regions/0", whole, new Dictionary<string, long>(), new Dictionary<string, long>()) { Change = change, Previous = change is null ? 0 : 1 });

watch.Restart();
var snapshot = Encoded(processor.Capture(), null);
var encoded = watch.Elapsed;
Console.WriteLine($"whole snapshot of the partition: {snapshot.Length / 1048576.0:0.0} MiB gzip-compressed JSON = {(double)snapshot.Length / journeys:0} bytes per open journey, captured and encoded in {encoded.TotalSeconds:0.00} s");

// a contact on a share of the journeys (spread over all of them), then the changelog's next save
var changed = Math.Max(1, (int)(journeys * changedShare));
var later = start.AddDays(10).AddHours(1);
for (var n = 0; n < changed; n++)
{
    var i = (int)((long)n * journeys / changed);
    processor.Process(new JourneyStep($"again-{i}", later.AddTicks(n), $"jrn-2026-{i:D9}", "support", "call") { CustomerId = $"cus-{i:D9}" });
}
processor.Advance(later.AddHours(2)); // applied (the lateness passed)
watch.Restart();
var change = Encoded(null, processor.CaptureChange());
var changeTime = watch.Elapsed;
Console.WriteLine($"change after a contact on {changed} journeys ({changedShare:P1}): {change.Length / 1024.0:0.0} KiB, captured and encoded in {changeTime.TotalMilliseconds:0} ms "
    + $"({(double)snapshot.Length / change.Length:0}× smaller, {encoded.TotalMilliseconds / Math.Max(0.001, changeTime.TotalMilliseconds):0}× faster than whole)");
