using System.Collections.Frozen;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Live;

/// <summary>
/// The values of the alert filter's <c>kind</c>: each <see cref="FactorKind"/> by the name of its JSON <c>kind</c>
/// (<c>trend</c>, <c>peer</c>, …, <c>group</c>), and <see cref="Journey"/>, the alerts of journeys and accounts
/// (a <c>watermelon</c> or a <c>divergence</c> factor). An alert is of a kind when one of its factors is.
/// </summary>
public static class AlertKinds
{
    /// <summary>Watermelon or divergence: the alerts of the journeys and accounts.</summary>
    public const string Journey = "journey";

    private static readonly FrozenDictionary<string, FactorKind[]> Selections =
        Enum.GetValues<FactorKind>().Select(k => KeyValuePair.Create(NameOf(k), new[] { k }))
            .Append(KeyValuePair.Create(Journey, new[] { FactorKind.Watermelon, FactorKind.Divergence }))
            .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every value the filter takes: the factor kinds in their declared order, then <see cref="Journey"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<FactorKind>().Select(NameOf), Journey];

    /// <summary>The name of a factor kind, as the alert's JSON spells it.</summary>
    public static string NameOf(FactorKind kind) => kind.ToString().ToLowerInvariant();

    public static bool IsKnown(string name) => Selections.ContainsKey(name);

    /// <summary>Whether an alert whose factors are of <paramref name="factorKinds"/> is of the kind <paramref name="name"/> (an unknown name selects nothing).</summary>
    public static bool Selects(string name, IReadOnlyList<FactorKind> factorKinds) =>
        Selections.TryGetValue(name, out var selected) && factorKinds.Any(k => Array.IndexOf(selected, k) >= 0);

    /// <summary>The distinct kinds of an alert's factors.</summary>
    public static FactorKind[] Of(Alert alert) => [.. alert.Factors.Select(f => f.Kind).Distinct()];
}
