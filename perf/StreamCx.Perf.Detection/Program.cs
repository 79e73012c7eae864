using System.Globalization;
using StreamCx.Domain.Detection;
using StreamCx.Perf.Detection.Scenario;
using StreamCx.Perf.Detection;
using StreamCx.Perf.Detection.Scoring;

// The labelled detection benchmark: generates a labelled scenario per seed, runs it through FeedbackProcessor (the code
// replay runs) and prints recall, time to detect, false opens per 1,000 site-attribute-days and grouped moves.
// usage: dotnet run -c Release --project perf/StreamCx.Perf.Detection -- [--seeds 1,2,3,4,5] [--label NAME] [--set Knob=value ...]
//        [--grid "Knob=v1,v2;Other=w1,w2"] (calibration: one row per combination over the same seeds)
//        [--write-events FILE] (the first seed's events as JSON lines, with its sites and attributes files, for replay)
var seeds = new List<int> { 1, 2, 3, 4, 5 };
var label = "current detectors";
string? grid = null;
string? eventsFile = null;
var settings = new DetectionSettings();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seeds": seeds = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
        case "--label": label = args[++i]; break;
        case "--grid": grid = args[++i]; break;
        case "--write-events": eventsFile = args[++i]; break;
        case "--set": settings = Knobs.Set(settings, args[++i]); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
var errors = settings.Validate();
if (errors.Count > 0) { Console.Error.WriteLine(string.Join("; ", errors)); return 2; }

if (eventsFile is not null)
{
    // the first seed's events as JSON lines (and its registry), for `streamcx replay`
    var scenario = ScenarioGenerator.Generate(seeds[0]);
    EventFile.Write(scenario, eventsFile);
    Console.WriteLine($"{scenario.Events.Count} events of seed {seeds[0]} written to {eventsFile}, sites to {eventsFile}.sites.json, attributes to {eventsFile}.attributes.json");
    return 0;
}

if (grid is not null)
{
    Console.WriteLine(Calibration.Run(settings, grid, seeds));
    return 0;
}

var results = new List<SeedResult>();
foreach (var seed in seeds)
{
    var scenario = ScenarioGenerator.Generate(seed);
    var result = Scorer.Score(scenario, settings);
    Console.Error.WriteLine($"seed {seed}: {result.Events:N0} events, {result.Detections.Count(d => d.Detected)}/{result.Detections.Count} detected, {result.FalseOpens.Count} false opens, {result.ProcessSeconds:0.0} s");
    results.Add(result);
}
Console.WriteLine(Report.Write(label, results, settings.TrendZ));
return 0;
