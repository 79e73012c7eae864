using System.Text.Json.Serialization;

namespace StreamCx.Domain.Contracts;

/// <summary>One reason an alert fired, with its numbers. Serialized with a "kind" discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TrendFactor), "trend")]
[JsonDerivedType(typeof(PeerFactor), "peer")]
[JsonDerivedType(typeof(ImportanceFactor), "importance")]
[JsonDerivedType(typeof(ExpectationFactor), "expectation")]
[JsonDerivedType(typeof(WatermelonFactor), "watermelon")]
[JsonDerivedType(typeof(DivergenceFactor), "divergence")]
[JsonDerivedType(typeof(ComplaintsFactor), "complaints")]
[JsonDerivedType(typeof(SocialFactor), "social")]
[JsonDerivedType(typeof(InternalFactor), "internal")]
[JsonDerivedType(typeof(GroupFactor), "group")]
[JsonDerivedType(typeof(ChannelFactor), "channel")]
[JsonDerivedType(typeof(IncidentsFactor), "incidents")]
public abstract record Factor
{
    [JsonIgnore]
    public FactorKind Kind => this switch
    {
        TrendFactor => FactorKind.Trend,
        PeerFactor => FactorKind.Peer,
        ImportanceFactor => FactorKind.Importance,
        WatermelonFactor => FactorKind.Watermelon,
        DivergenceFactor => FactorKind.Divergence,
        ComplaintsFactor => FactorKind.Complaints,
        SocialFactor => FactorKind.Social,
        InternalFactor => FactorKind.Internal,
        GroupFactor => FactorKind.Group,
        ChannelFactor => FactorKind.Channel,
        IncidentsFactor => FactorKind.Incidents,
        _ => FactorKind.Expectation,
    };
}

public enum FactorKind
{
    Trend,
    Peer,
    Importance,
    Expectation,
    Watermelon,
    Divergence,
    Complaints,
    Social,
    Internal,
    Group,
    Channel,
    Incidents,
}

/// <summary>The attribute is falling: fitted slope, its z statistic, and the means before and at the end of the fall.</summary>
public sealed record TrendFactor(double SlopePerHour, double TStatistic, double FirstMean, double LastMean, int SampleSize, double WindowHours) : Factor;

/// <summary>The site is below similar sites of its region.</summary>
public sealed record PeerFactor(double SiteValue, double PeerMedian, double RobustZ, int PeerCount) : Factor;

/// <summary>How strongly the attribute drives the recommendation score (NPS), and its rank among attributes.</summary>
public sealed record ImportanceFactor(double Weight, int Rank, int AttributeCount) : Factor;

/// <summary>The attribute is outside what its own usual pattern (e.g. daily rhythm) predicts.</summary>
public sealed record ExpectationFactor(double Expected, double Lower, double Upper, double Observed, int SampleSize) : Factor;
