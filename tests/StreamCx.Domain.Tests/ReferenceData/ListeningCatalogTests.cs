using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.ReferenceData;

/// <summary>The listening catalogs (complaint reasons, incident types, reporter roles, platforms): loaded, checked, looked up.</summary>
public sealed class ListeningCatalogTests
{
    private static readonly ListeningFiles Shipped = new(
        RepoPaths.Config("complaint-reasons.json"), RepoPaths.Config("incident-types.json"), RepoPaths.Config("reporter-roles.json"), RepoPaths.Config("platforms.json"));

    [Fact]
    public void The_shipped_catalogs_load_and_name_the_issue_s_values()
    {
        var catalog = ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"), listening: Shipped).Listening;

        Assert.All(["delivery-delay", "stock-out", "breakdown", "absenteeism", "staff-turnover", "incomplete-delivery"],
            t => Assert.True(catalog.IsKnownIncidentType(t), t));
        Assert.All(["sales", "driver", "technician", "support"], r => Assert.True(catalog.IsKnownReporterRole(r), r));
        Assert.True(catalog.TryGetReason("long-wait", out var reason));
        Assert.Equal("waiting-time", reason.AttributeId);
        Assert.True(catalog.TryGetIncidentType("delivery-delay", out var delay));
        Assert.Equal(["delivery"], delay.AffectedAttributes);
        Assert.True(catalog.IsKnownPlatform("x"));
        Assert.False(catalog.IsKnownPlatform("myspace"));
    }

    [Fact]
    public void The_shipped_catalogs_bear_only_on_attributes_of_the_shipped_attribute_catalog()
    {
        var catalog = ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"), listening: Shipped);

        var named = catalog.Listening.Reasons.Select(r => r.AttributeId).OfType<string>()
            .Concat(catalog.Listening.IncidentTypes.SelectMany(t => t.AffectedAttributes));

        Assert.All(named, a => Assert.True(catalog.TryGetAttribute(a, out _), a));
    }

    [Fact]
    public void Without_files_every_catalog_is_empty()
    {
        var catalog = ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json")).Listening;

        Assert.Empty(catalog.Reasons);
        Assert.False(catalog.IsKnownReason("long-wait"));
        Assert.Empty(ReferenceDataLoader.LoadListening(new ListeningFiles()).IncidentTypes);
    }

    [Theory]
    [InlineData("""[{"reasonId":"long-wait","label":"Long wait"},{"reasonId":"long-wait","label":"Again"}]""", "reasonId 'long-wait' appears 2 times")]
    [InlineData("""[{"reasonId":"long-wait"}]""", "entry 0 (long-wait): label is missing")]
    [InlineData("""[{"reasonId":"x","label":"X","attributeId":" waiting-time"}]""", "entry 0 (x): attributeId ' waiting-time' must be")]
    [InlineData("""[{"label":"X"}]""", "entry 0: reasonId is missing")]
    [InlineData("[]", "non-empty JSON array")]
    public void A_bad_complaint_reason_is_reported_with_its_place(string json, string fragment)
    {
        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadComplaintReasons(json)).Message;

        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"incidentTypeId":"flood","label":"Flood","affects":["delivery","delivery"]}]""", "affected attribute 'delivery' appears 2 times")]
    [InlineData("""[{"incidentTypeId":"flood","label":"Flood","affects":[""]}]""", "affects[0] is missing")]
    [InlineData("""[{"incidentTypeId":"flood","label":"Flood","affects":"delivery"}]""", "not a valid JSON array")]
    [InlineData("""[{"incidentTypeId":"flood"}]""", "label is missing")]
    public void A_bad_incident_type_is_reported_with_its_place(string json, string fragment)
    {
        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadIncidentTypes(json)).Message;

        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_roles_and_platforms_are_reported_with_their_place()
    {
        var roles = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadReporterRoles("""[{"roleId":"driver"}]""")).Message;
        var platforms = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadPlatforms("""[{"platformId":"x\u0001","label":"X"}]""")).Message;

        Assert.Contains("entry 0 (driver): label is missing", roles, StringComparison.Ordinal);
        Assert.Contains("no control characters", platforms, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_file_that_does_not_exist_is_named()
    {
        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadListening(new ListeningFiles(Platforms: "/nonexistent/platforms.json"))).Message;

        Assert.Contains("platforms file '/nonexistent/platforms.json' does not exist", message, StringComparison.Ordinal);
    }
}
