using System.Text.Json.Serialization;

namespace StreamCx.Domain.Contracts;

/// <summary>
/// A channel (<see cref="Dimension"/> <c>channel</c>) or a touchpoint (<c>touchpoint</c>) of a site, <see cref="Value"/>, is
/// markedly worse than the site's others on one shared indicator (<see cref="IndicatorId"/>: an attribute, <c>nps</c>,
/// <c>csat</c> or <c>ces</c>) over the last <see cref="SpanHours"/> of event time: its mean against the others' typical mean
/// (<see cref="OthersMean"/>: the median of the other channels' means; per response: NPS points, % satisfied, CES or the
/// rating), the gap to it (positive = worse, whatever the indicator's direction), the z of its gap to the others pooled (under "like the others": the span's variance of every response)
/// (<see cref="OthersCount"/> responses), and every value's count and mean (<see cref="Values"/>: "4.3 in store, 3.1 on social").
/// </summary>
public sealed record ChannelFactor(
    ChannelDimension Dimension,
    string Value,
    string IndicatorId,
    double Mean,
    int Count,
    double OthersMean,
    int OthersCount,
    double Gap,
    double Z,
    int SpanHours,
    IReadOnlyList<ChannelValueScore> Values) : Factor;

/// <summary>One channel's (or touchpoint's) responses on an indicator and their mean.</summary>
public sealed record ChannelValueScore(string Value, int Count, double Mean);

[JsonConverter(typeof(JsonStringEnumConverter<ChannelDimension>))]
public enum ChannelDimension
{
    [JsonStringEnumMemberName("channel")] Channel,
    [JsonStringEnumMemberName("touchpoint")] Touchpoint,
}
