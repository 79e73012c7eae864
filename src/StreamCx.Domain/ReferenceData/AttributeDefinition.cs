namespace StreamCx.Domain.ReferenceData;

/// <summary>A rated attribute of the experience, with its scale and its "dissatisfied" threshold.</summary>
public sealed record AttributeDefinition(string AttributeId, string Label, double Min, double Max, double DissatisfiedAtOrBelow)
{
    public double Range => Max - Min;

    public bool IsOnScale(double value) => value >= Min && value <= Max;

    public bool IsDissatisfied(double value) => value <= DissatisfiedAtOrBelow;
}
