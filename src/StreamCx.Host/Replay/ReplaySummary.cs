using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Listening;
using StreamCx.Domain.Processing;

namespace StreamCx.Host.Replay;

/// <summary>What a replay read, rejected (with line numbers), and emitted.</summary>
public sealed class ReplaySummary
{
    private const int LinesShownPerReason = 20;
    private readonly SortedDictionary<string, List<(long Line, string Message)>> _rejected = new(StringComparer.Ordinal);
    private readonly Dictionary<AlertStatus, long> _alerts = new();

    public long LinesRead { get; set; }
    public long Valid { get; set; }
    public long Rejected => _rejected.Values.Sum(l => (long)l.Count);
    public long Alerts => _alerts.Values.Sum();
    public TimeSpan Elapsed { get; set; }

    /// <summary>Bytes allocated by the run (all threads), for the cost per event.</summary>
    public long AllocatedBytes { get; set; }

    /// <summary>Garbage collections during the run: generation 0, 1 and 2.</summary>
    public (int Gen0, int Gen1, int Gen2) Collections { get; set; }

    /// <summary>Where the wall clock went, so a slow replay shows which step to look at.</summary>
    public ReplayPhases Phases { get; } = new();

    public void Reject(long line, Rejection rejection)
    {
        if (!_rejected.TryGetValue(rejection.Code, out var lines)) _rejected[rejection.Code] = lines = [];
        lines.Add((line, rejection.Message));
    }

    public void Count(Alert alert) => _alerts[alert.Status] = _alerts.GetValueOrDefault(alert.Status) + 1;

    public void Write(TextWriter w, ProcessingCounters counters, IReadOnlyList<JourneySignal> signals, JourneyProcessor journeys, ListeningProcessor listening, ChannelProcessor? channels = null)
    {
        var rate = Elapsed.TotalSeconds > 0 ? LinesRead / Elapsed.TotalSeconds : 0;
        w.WriteLine($"replay: {LinesRead} lines read in {Elapsed.TotalSeconds:0.00} s ({rate:0} events/s)");
        w.WriteLine($"  valid {Valid}: applied {counters.OnTime + counters.Late} (late but within the allowed lateness {counters.Late}), too late for any window {counters.TooLate} (counted in totals only), duplicates {counters.Duplicates}");
        var j = journeys.Counters;
        w.WriteLine($"  journeys: {signals.Count} journey messages (journey-step {signals.Count(s => s is JourneyStep)}, journey-closed {signals.Count(s => s is JourneyClosed)}, churn {signals.Count(s => s is Churn)}); "
            + $"applied {j.Applied} (journey messages and feedback of a journey or an account; late {j.Late}), duplicates {j.Duplicates}; held at the end {journeys.Journeys.Count} journeys, "
            + $"{journeys.Accounts.Count} accounts, dropped after retention {journeys.Journeys.Dropped}; unknown department {j.UnknownDepartments}, unknown role {j.UnknownRoles}");
        var l = listening.Counters;
        w.WriteLine($"  listening: {l.Total} messages ({string.Join(", ", ListeningTypes.All.Select(t => $"{t} {l.Of(t)}"))}); uncatalogued "
            + string.Join(", ", ListeningCounters.UncataloguedFlags.Select(f => $"{ListeningCounters.CatalogName(f).Replace('_', ' ')} {l.Uncatalogued(f)}"))
            + $"; complaints applied {listening.Complaints.Counters.Applied}, duplicates {listening.Complaints.Counters.Duplicates}"
            + $"; social mentions applied {listening.Social.Applied}, duplicates {listening.Social.Duplicates}"
            + $"; incidents kept {listening.Incidents.Applied}, duplicates {listening.Incidents.Duplicates}"
            + $"; negative staff reports applied {listening.Internal.Counters.Applied}, duplicates {listening.Internal.Counters.Duplicates}");
        if (channels is not null)
            w.WriteLine($"  channels: feedback applied {channels.Applied}; hours tested through {channels.TestedThrough?.ToString("O") ?? "none"}");
        w.WriteLine($"  rejected {Rejected}");
        foreach (var (reason, lines) in _rejected)
        {
            w.WriteLine($"    {reason}: {lines.Count} (lines {string.Join(", ", lines.Take(LinesShownPerReason).Select(l => l.Line))}{(lines.Count > LinesShownPerReason ? ", …" : "")})");
            foreach (var (line, message) in lines.Take(3)) w.WriteLine($"      line {line}: {message}");
        }
        w.WriteLine($"  runtime: started {Phases.Startup.TotalSeconds:0.000} s before the replay; JIT {Phases.Jit.TotalSeconds:0.000} s for {Phases.JitMethods} methods; garbage collection pauses {Phases.GcPause.TotalSeconds:0.000} s");
        w.WriteLine($"  time: read and parse {Phases.Read.TotalSeconds:0.000} s, order {Phases.Order.TotalSeconds:0.000} s, process {Phases.Process.TotalSeconds:0.000} s, write {Phases.Write.TotalSeconds:0.000} s");
        w.WriteLine($"  memory: {(LinesRead > 0 ? AllocatedBytes / LinesRead : 0)} bytes allocated per line read; garbage collections gen0 {Collections.Gen0}, gen1 {Collections.Gen1}, gen2 {Collections.Gen2}");
        w.WriteLine($"  alerts {Alerts}: open {_alerts.GetValueOrDefault(AlertStatus.Open)}, updated {_alerts.GetValueOrDefault(AlertStatus.Updated)}, resolved {_alerts.GetValueOrDefault(AlertStatus.Resolved)}");
    }
}
