using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.ReferenceData;

/// <summary>The department catalog (config/departments.json): loaded, checked, looked up.</summary>
public sealed class DepartmentCatalogTests
{
    private static string Error(string json) =>
        Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadDepartments(json)).Message;

    [Fact]
    public void The_shipped_catalog_loads_and_its_departments_are_known()
    {
        var catalog = ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"), RepoPaths.Config("departments.json"));

        Assert.NotEmpty(catalog.Departments);
        Assert.All(catalog.Departments, d => Assert.True(catalog.IsKnownDepartment(d.DepartmentId)));
        Assert.False(catalog.IsKnownDepartment("night-desk"));
    }

    [Fact]
    public void Without_a_departments_file_no_department_is_known()
    {
        var catalog = ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"), departmentsFile: "");

        Assert.Empty(catalog.Departments);
        Assert.False(catalog.IsKnownDepartment("support"));
    }

    [Fact]
    public void A_repeated_id_and_a_missing_label_are_both_named()
    {
        var message = Error("""[{"departmentId":"support","label":"Support"},{"departmentId":"support"}]""");

        Assert.Contains("departmentId 'support' appears 2 times", message, StringComparison.Ordinal);
        Assert.Contains("entry 1 (support): label is missing", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"departmentId":" support","label":"Support"}]""", "surrounding spaces")]
    [InlineData("""[{"label":"Support"}]""", "entry 0: departmentId is missing")]
    [InlineData("[]", "non-empty JSON array")]
    [InlineData("{}", "not a valid JSON array")]
    public void A_bad_entry_is_reported_with_its_place(string json, string fragment)
    {
        Assert.Contains(fragment, Error(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_departments_file_that_does_not_exist_is_named()
    {
        var message = Assert.Throws<ReferenceDataException>(() =>
            ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"), "/nonexistent/departments.json")).Message;

        Assert.Contains("departments file '/nonexistent/departments.json' does not exist", message, StringComparison.Ordinal);
    }
}
