using System.Globalization;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Command line: <c>--events N --runs N --mixed [journeys|listening] --surge --seeds N[,N...] --live-pace compressed|real --engine-set KEY=VALUE --real-broker --latency-rate N --latency-fractions F[,F...] --alerts N --tip-rate N --fetch-wait-ms N|default --linger-ms N --settle-seconds N
/// --memory-sites N --memory-attributes N --memory-events-per-site N --replay-runs N --skip-sustained --skip-latency
/// --skip-memory --skip-replay --output-dir DIR --note TEXT</c>.
/// </summary>
public sealed record Options
{
    public int Events { get; init; } = 200_000;
    public int Runs { get; init; } = 5;
    public bool RealBroker { get; init; }
    /// <summary>Paced produce rate of the latency step (events/s); null: fractions of the sustained rate of step 1.</summary>
    public int? LatencyRate { get; init; }
    /// <summary>Fractions of the sustained rate the latency step runs at, one after the other (the first is the issue's: half).</summary>
    public IReadOnlyList<double> LatencyFractions { get; init; } = [0.5, 0.25];
    public int Alerts { get; init; } = 400;
    public int TipRate { get; init; } = 20;
    /// <summary>The engine consumer's fetch.wait.max.ms in the latency step; null leaves librdkafka's default (500).</summary>
    public int? FetchWaitMs { get; init; } = 10;

    /// <summary>The load generator's producer <c>linger.ms</c> in the latency step (librdkafka's default 5); the latency includes it.</summary>
    public int LingerMs { get; init; } = 5;

    /// <summary>
    /// Seconds of the same paced load, without tipping events, before each measured load of the latency step (then the
    /// engine catches up): the co-located broker's JVM and the engine compile their hot paths meanwhile. 0: none. Default:
    /// 20 on the real broker, 0 on the mock cluster (whose fetches slow down as its in-memory partitions grow, so a longer
    /// load only makes its figures worse).
    /// </summary>
    public int? SettleSeconds { get; init; }

    public int EffectiveSettleSeconds => SettleSeconds ?? (RealBroker ? 20 : 0);
    public int MemorySites { get; init; } = 10_000;
    public int MemoryAttributes { get; init; } = 10;
    public int MemoryEventsPerSite { get; init; } = 5;
    public int ReplayRuns { get; init; } = 3;
    /// <summary>
    /// <c>--mixed [journeys|listening]</c>: only the side-by-side of feedback-only and mixed traffic (journeys, or the listening
    /// sources) through replay and the real engine (<see cref="EndToEnd.Mixed"/>), <see cref="Runs"/> runs of each; printed and
    /// written to <c>OutputDir/e2e-mixed.md</c> (journeys) or <c>OutputDir/listening-mixed.md</c>.
    /// </summary>
    public MixedKind? Mixed { get; init; }

    /// <summary><c>--surge</c>: only how fast a social burst and a complaint surge are alerted through the real engine (<see cref="Surge"/>), one run per seed.</summary>
    public bool Surge { get; init; }

    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>
    /// <c>--live-pace compressed|real</c>: how <c>--surge</c> dates its live messages. Compressed (the default): as scripted, event
    /// time running about 250 times faster than the wall clock (the event-time figures). Real: each dated the wall clock of its
    /// produce, as live messages are in production, the baseline ending where the live phase starts (the wall-clock figures).
    /// </summary>
    public LivePace LivePace { get; init; } = LivePace.Compressed;

    /// <summary><c>--engine-set KEY=VALUE</c> (repeatable): configuration given to the engine processes of <c>--mixed</c> and <c>--surge</c>.</summary>
    public IReadOnlyList<string> EngineSettings { get; init; } = [];
    public bool Sustained { get; init; } = true;
    public bool Latency { get; init; } = true;
    public bool Memory { get; init; } = true;
    public bool Replay { get; init; } = true;
    public string OutputDir { get; init; } = Path.Combine(Repo.Root, "perf", "results");
    public string? Note { get; init; }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--events" => options with { Events = Number() },
                "--runs" => options with { Runs = Number() },
                "--real-broker" => options with { RealBroker = true },
                "--mixed" => options with { Mixed = i + 1 < args.Length && Enum.TryParse<MixedKind>(args[i + 1], ignoreCase: true, out var kind) && ++i > 0 ? kind : MixedKind.Journeys },
                "--surge" => options with { Surge = true },
                "--engine-set" => options with { EngineSettings = [.. options.EngineSettings, Value()] },
                "--live-pace" => options with { LivePace = Enum.Parse<LivePace>(Value(), ignoreCase: true) },
                "--seeds" => options with { Seeds = [.. Value().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--latency-rate" => options with { LatencyRate = Number() },
                "--latency-fractions" => options with { LatencyFractions = [.. Value().Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))] },
                "--alerts" => options with { Alerts = Number() },
                "--tip-rate" => options with { TipRate = Number() },
                "--linger-ms" => options with { LingerMs = Number() },
                "--settle-seconds" => options with { SettleSeconds = Number() },
                "--fetch-wait-ms" => options with { FetchWaitMs = Value() is var v && v == "default" ? null : int.Parse(v, CultureInfo.InvariantCulture) },
                "--memory-sites" => options with { MemorySites = Number() },
                "--memory-attributes" => options with { MemoryAttributes = Number() },
                "--memory-events-per-site" => options with { MemoryEventsPerSite = Number() },
                "--replay-runs" => options with { ReplayRuns = Number() },
                "--skip-sustained" => options with { Sustained = false },
                "--skip-latency" => options with { Latency = false },
                "--skip-memory" => options with { Memory = false },
                "--skip-replay" => options with { Replay = false },
                "--output-dir" => options with { OutputDir = Value() },
                "--note" => options with { Note = Value() },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        if (options.SettleSeconds < 0)
        {
            throw new ArgumentException("--settle-seconds must not be negative");
        }

        if (options.Events < 1 || options.Runs < 1 || options.Alerts < 1 || options.TipRate < 1 || options.ReplayRuns < 1)
        {
            throw new ArgumentException("--events, --runs, --alerts, --tip-rate and --replay-runs must be positive");
        }

        return options;
    }

    /// <summary>The command line that reproduces this run (defaults left out).</summary>
    public static string CommandLine(string[] args) =>
        "dotnet run -c Release --project perf/StreamCx.Perf.EndToEnd" + (args.Length > 0 ? " -- " + string.Join(' ', args.Select(Quote)) : "");

    private static string Quote(string a) => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a;
}

/// <summary>How <c>--surge</c> dates its live messages (<see cref="Options.LivePace"/>).</summary>
public enum LivePace
{
    Compressed,
    Real,
}
