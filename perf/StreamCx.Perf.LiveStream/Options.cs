using System.Globalization;

namespace StreamCx.Perf.LiveStream;

/// <summary>Command-line options of the harness.</summary>
public sealed record Options(int Clients, int Alerts, int Acks, int AckIntervalMs, int MemoryClients, string? Out)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(200, 20, 200, 25, 1000, null);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--clients" => o with { Clients = Int() },
                "--alerts" => o with { Alerts = Int() },
                "--acks" => o with { Acks = Int() },
                "--ack-interval-ms" => o with { AckIntervalMs = Int() },
                "--memory-clients" => o with { MemoryClients = Int() },
                "--out" => o with { Out = value },
                _ => throw new ArgumentException($"unknown option {args[i]} (known: --clients --alerts --acks --ack-interval-ms --memory-clients --out)"),
            };
        }
        if (o.Clients < 1 || o.Alerts < 1 || o.MemoryClients < 1) throw new ArgumentException("--clients, --alerts and --memory-clients must be at least 1");
        return o;
    }
}
