using System.Globalization;

namespace StreamCx.Perf.Kafka;

/// <summary>
/// Command line of the harness: <c>--events N --runs N --outage-seconds S --reconnects N
/// --session-timeouts MS[,MS...] --output FILE --skip-real --skip-mock</c>.
/// </summary>
public sealed record Options(
    int Events, int Runs, int OutageSeconds, int Reconnects, IReadOnlyList<int> SessionTimeoutsMs, string? Output, bool Real, bool Mock)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(
            Events: 200_000, Runs: 5, OutageSeconds: 20, Reconnects: 3, SessionTimeoutsMs: [10_000, 6_000], Output: null, Real: true, Mock: true);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--events" => options with { Events = Number() },
                "--runs" => options with { Runs = Number() },
                "--outage-seconds" => options with { OutageSeconds = Number() },
                "--reconnects" => options with { Reconnects = Number() },
                "--session-timeouts" => options with { SessionTimeoutsMs = [.. Value().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--output" => options with { Output = Value() },
                "--skip-real" => options with { Real = false },
                "--skip-mock" => options with { Mock = false },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        return options;
    }
}
