namespace StreamCx.Domain.ReferenceData;

/// <summary>A service that handles interactions of a journey (sales, support, field service, …), from <c>config/departments.json</c>.</summary>
public sealed record Department(string DepartmentId, string Label);
