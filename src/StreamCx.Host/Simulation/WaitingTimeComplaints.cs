using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// The scripted complaint surge: <see cref="Reason"/> complaints at the waiting-time irritant's site rising with the irritant
/// from its start — up to <see cref="PeakPerHour"/> an hour within the first hour, held until the sixth, gone by the eighth
/// (the arrivals drawn at the peak rate, each kept with the share of the peak the hour is at).
/// </summary>
public sealed class WaitingTimeComplaints(Site site, int seed, DateTimeOffset irritantStart)
    : ScriptedSource(unchecked((seed * 31) + 4), PeakPerHour, irritantStart)
{
    private readonly DateTimeOffset _start = irritantStart;

    public const string Reason = "long-wait";
    public const double PeakPerHour = 6;
    private static readonly string[] Channels = ["store", "store", "phone", "web"];

    protected override IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start)
    {
        var hours = (start - _start).TotalHours;
        var share = hours < 1 ? hours : hours < 6 ? 1 : Math.Max(0, (8 - hours) / 2);
        if (Rnd.NextDouble() >= share) return [];
        return [ListeningMessages.Complaint($"sim-{seed}-w{index}", start, site, Rnd.Choose(Channels), Reason, Rnd.Choose(ListeningTexts.Complaints[Reason]))];
    }
}
