using StreamCx.Domain.Contracts;

namespace StreamCx.Host.Replay;

/// <summary>
/// The first alert <see cref="ContractJson"/> serializes costs a tenth of a second or more (reflection over the contract
/// types, then compiling their converters), which replay would otherwise pay alone on one core at the very end. Started
/// in the background at the beginning of a replay, it is paid while the cores have other work.
/// </summary>
public static class AlertJsonWarmUp
{
    public static Task Start() => Task.Run(() => ContractJson.Serialize(Sample));

    /// <summary>An alert with every factor kind and every nested contract type, so every converter is built.</summary>
    private static Alert Sample
    {
        get
        {
            var at = DateTimeOffset.UnixEpoch;
            Factor[] factors =
            [
                new TrendFactor(-0.1, -3, 4.2, 3.5, 40, 3),
                new PeerFactor(3.5, 4.2, -3, 9),
                new ImportanceFactor(0.1, 1, 10),
                new ExpectationFactor(4.2, 3.9, 4.5, 3.5, 40),
            ];
            return new Alert(
                "alr-warm-up", AlertStatus.Open, 1, "site", "Site", "region", "attribute", "Attribute", 0.5, SeverityLevel.Medium,
                factors, new ScoreSummary(3.5, 10, 40), at, at, new TimeWindow(at, at), "warm-up", [new Verbatim("e", at, "store", "text", 2)]);
        }
    }
}
