using System.Globalization;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Units;

/// <summary>
/// Names, in a site alert that is not resolved, the units that make most of the drop (<see cref="SiteUnits.Drop"/>): the
/// alert's window, of <see cref="MinRecentHours"/> to <see cref="MaxRecentHours"/> hours, against the
/// <see cref="BaselineHours"/> before it — in the alert's <see cref="Alert.Units"/> and in a sentence of its explanation.
/// </summary>
public static class DropUnits
{
    public const int MinRecentHours = 3;
    public const int MaxRecentHours = 24;
    public const int BaselineHours = 24;

    public static Alert Name(Alert alert, SiteUnits units)
    {
        if (alert.Status == AlertStatus.Resolved) return alert;
        var hours = RecentHours(alert.Window);
        var named = units.Drop(alert.AttributeId, hours, BaselineHours);
        return named.Count == 0 ? alert : alert with { Units = named, Explanation = alert.Explanation + Sentence(named, hours) };
    }

    /// <summary>The hours of the alert's window, rounded up, within the bounds.</summary>
    public static int RecentHours(TimeWindow window) =>
        Math.Clamp((int)Math.Ceiling((window.End - window.Start).TotalHours), MinRecentHours, MaxRecentHours);

    private static string Sentence(IReadOnlyList<UnitContribution> named, int hours) =>
        $" Most of the drop comes from {string.Join(" and ", named.Select(Clause))} (last {hours} h against the {BaselineHours} h before).";

    private static string Clause(UnitContribution u) =>
        string.Create(CultureInfo.InvariantCulture, $"{u.UnitId}: {u.MeanBefore:0.##} → {u.MeanRecent:0.##} over {u.RecentResponses} responses, {u.ShareOfDrop:P0} of it");
}
