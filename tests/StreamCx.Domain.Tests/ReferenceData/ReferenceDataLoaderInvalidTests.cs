using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.ReferenceData;

/// <summary>Malformed or hostile reference files: each is a <see cref="ReferenceDataException"/> that names the problem.</summary>
public sealed class ReferenceDataLoaderInvalidTests
{
    private static string SitesError(string json) =>
        Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadSites(json)).Message;

    private static string AttributesError(string json) =>
        Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadAttributes(json)).Message;

    private static string Attribute(string min, string max, string threshold, string id = "waiting-time", string label = "Waiting") =>
        $$"""[{"attributeId":"{{id}}","label":"{{label}}","min":{{min}},"max":{{max}},"dissatisfiedAtOrBelow":{{threshold}}}]""";

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[")]
    [InlineData("[{\"siteId\":\"a\",\"name\":\"A\",\"regionId\":\"r\"},]")]
    [InlineData("[{'siteId':'a'}]")]
    [InlineData("{\"siteId\":\"a\",\"name\":\"A\",\"regionId\":\"r\"}")]
    [InlineData("\"sites\"")]
    [InlineData("42")]
    [InlineData("[1, 2]")]
    [InlineData("[[\"a\",\"A\",\"r\"]]")]
    [InlineData("[{\"siteId\":42,\"name\":\"A\",\"regionId\":\"r\"}]")]
    public void Sites_that_are_not_a_json_array_of_objects_are_refused(string json)
    {
        var message = SitesError(json);

        Assert.Contains("sites file", message, StringComparison.Ordinal);
        Assert.Contains("not a valid JSON array", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public void Empty_or_null_sites_are_refused(string json)
    {
        Assert.Contains("non-empty JSON array", SitesError(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public void Empty_or_null_attributes_are_refused(string json)
    {
        Assert.Contains("attributes file: expected a non-empty JSON array", AttributesError(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Attributes_as_an_object_are_refused()
    {
        Assert.Contains("not a valid JSON array", AttributesError("""{"waiting-time":{"min":1,"max":5}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Source_name_is_used_in_the_message()
    {
        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadSites("[]", "config/sites.json")).Message;

        Assert.StartsWith("config/sites.json", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"name":"A","regionId":"r"}]""", "entry 0: siteId is missing")]
    [InlineData("""[{"siteId":"a","regionId":"r"}]""", "entry 0 (a): name is missing")]
    [InlineData("""[{"siteId":"a","name":"A"}]""", "entry 0 (a): regionId is missing")]
    [InlineData("""[{"siteId":"","name":"A","regionId":"r"}]""", "entry 0: siteId is missing")]
    [InlineData("""[{"siteId":"a","name":"   ","regionId":"r"}]""", "entry 0 (a): name is missing")]
    [InlineData("""[{"siteId":"a","name":"A","regionId":null}]""", "entry 0 (a): regionId is missing")]
    [InlineData("""[{"siteId":"a","name":"A","regionId":"r"},{}]""", "entry 1: siteId is missing")]
    public void Site_with_a_missing_field_is_refused_naming_entry_and_field(string json, string expected)
    {
        Assert.Contains(expected, SitesError(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"label":"A","min":1,"max":5,"dissatisfiedAtOrBelow":2}]""", "entry 0: attributeId is missing")]
    [InlineData("""[{"attributeId":"a","min":1,"max":5,"dissatisfiedAtOrBelow":2}]""", "entry 0 (a): label is missing")]
    [InlineData("""[{"attributeId":"a","label":"A","dissatisfiedAtOrBelow":2}]""", "entry 0 (a): min (0) must be below max (0)")]
    [InlineData("""[{"attributeId":"a","label":"A","min":1,"max":5}]""", "entry 0 (a): dissatisfiedAtOrBelow (0) must be in [min, max)")]
    public void Attribute_with_a_missing_field_is_refused_naming_entry_and_field(string json, string expected)
    {
        Assert.Contains(expected, AttributesError(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_site_ids_are_refused_with_the_id_and_count()
    {
        var message = SitesError("""
            [{"siteId":"a","name":"A","regionId":"r"},{"siteId":"b","name":"B","regionId":"r"},
             {"siteId":"a","name":"A2","regionId":"s"},{"siteId":"a","name":"A3","regionId":"s"}]
            """);

        Assert.Contains("siteId 'a' appears 3 times", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'b'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_ids_differing_only_in_case_are_distinct()
    {
        Assert.Equal(2, ReferenceDataLoader.LoadSites("""[{"siteId":"a","name":"A","regionId":"r"},{"siteId":"A","name":"A","regionId":"r"}]""").Count);
    }

    [Fact]
    public void Duplicate_attribute_ids_are_refused_with_the_id_and_count()
    {
        var json = """
            [{"attributeId":"w","label":"W","min":1,"max":5,"dissatisfiedAtOrBelow":2},
             {"attributeId":"w","label":"W2","min":1,"max":5,"dissatisfiedAtOrBelow":2}]
            """;

        Assert.Contains("attributeId 'w' appears 2 times", AttributesError(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5", "5", "2", "min (5) must be below max (5)")]
    [InlineData("5", "1", "2", "min (5) must be below max (1)")]
    [InlineData("1", "-1", "0", "min (1) must be below max (-1)")]
    public void Min_not_below_max_is_refused(string min, string max, string threshold, string expected)
    {
        var message = AttributesError(Attribute(min, max, threshold));

        Assert.Contains("entry 0 (waiting-time)", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("-2")]
    public void Threshold_outside_the_scale_is_refused(string threshold)
    {
        var message = AttributesError(Attribute("1", "5", threshold));

        Assert.Contains($"entry 0 (waiting-time): dissatisfiedAtOrBelow ({threshold}) must be in [min, max)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"one\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("1e400")]
    public void Non_numeric_or_infinite_scale_is_refused(string min)
    {
        var message = AttributesError(Attribute(min, "5", "2"));

        Assert.Contains("attributes file", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\\u0007b")]
    [InlineData("a\\u0000")]
    [InlineData("line\\nbreak")]
    [InlineData("tab\\there")]
    [InlineData("\\u001b[31mred")]
    public void Control_characters_in_site_ids_are_refused_and_not_echoed(string escapedId)
    {
        var message = SitesError($$"""[{"siteId":"{{escapedId}}","name":"A","regionId":"r"}]""");

        Assert.Contains("entry 0: siteId", message, StringComparison.Ordinal);
        Assert.Contains("control characters", message, StringComparison.Ordinal);
        Assert.DoesNotContain(message, char.IsControl);
    }

    [Fact]
    public void Control_characters_in_region_ids_are_refused()
    {
        var message = SitesError("""[{"siteId":"a","name":"A","regionId":"north\u0000"}]""");

        Assert.Contains("entry 0 (a): regionId 'north?'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_attribute_ids_are_refused()
    {
        var message = AttributesError(Attribute("1", "5", "2", id: "wait\\u0008ing"));

        Assert.Contains("entry 0: attributeId 'wait?ing'", message, StringComparison.Ordinal);
        Assert.Contains("control characters", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" padded")]
    [InlineData("padded ")]
    public void Ids_with_surrounding_spaces_are_refused(string id)
    {
        Assert.Contains("surrounding spaces", SitesError($$"""[{"siteId":"{{id}}","name":"A","regionId":"r"}]"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_longer_than_200_characters_are_refused()
    {
        var accepted = ReferenceDataLoader.LoadSites($$"""[{"siteId":"{{new string('s', 200)}}","name":"A","regionId":"r"}]""");
        var message = SitesError($$"""[{"siteId":"{{new string('s', 201)}}","name":"A","regionId":"r"}]""");

        Assert.Single(accepted);
        Assert.Contains("at most 200 characters", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_entries_are_refused_by_position()
    {
        var message = SitesError("""[{"siteId":"a","name":"A","regionId":"r"},null,{"siteId":"b","name":"B","regionId":"r"},null]""");

        Assert.Contains("entry 1 is null", message, StringComparison.Ordinal);
        Assert.Contains("entry 3 is null", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_attribute_entry_is_refused()
    {
        Assert.Contains("entry 0 is null", AttributesError("[null]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var message = SitesError("""
            [{"siteId":"a","name":"","regionId":"r"},{"siteId":"b","name":"B"},{"siteId":"a","name":"A","regionId":"r"}]
            """);

        Assert.Contains("entry 0 (a): name is missing", message, StringComparison.Ordinal);
        Assert.Contains("entry 1 (b): regionId is missing", message, StringComparison.Ordinal);
        Assert.Contains("siteId 'a' appears 2 times", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonexistent_sites_path_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        var attributes = dir.Write("attributes.json", Attribute("1", "5", "2"));
        var missing = Path.Combine(dir.Path, "nope", "sites.json");

        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(missing, attributes)).Message;

        Assert.Contains($"sites file '{missing}' does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonexistent_attributes_path_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        var sites = dir.Write("sites.json", """[{"siteId":"a","name":"A","regionId":"r"}]""");
        var missing = Path.Combine(dir.Path, "attributes.json");

        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(sites, missing)).Message;

        Assert.Contains($"attributes file '{missing}' does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_given_as_the_sites_file_is_refused()
    {
        using var dir = new TempDirectory();
        var attributes = dir.Write("attributes.json", Attribute("1", "5", "2"));

        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(dir.Path, attributes)).Message;

        Assert.Contains(dir.Path, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_path_is_refused(string path)
    {
        Assert.Contains("no sites file was given", Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(path, "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_file_content_is_refused_through_load()
    {
        using var dir = new TempDirectory();
        var sites = dir.Write("sites.json", "{ truncated");
        var attributes = dir.Write("attributes.json", Attribute("1", "5", "2"));

        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(sites, attributes)).Message;

        Assert.Contains("sites file: not a valid JSON array", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_content_is_refused_not_crashed()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        Assert.Contains("not a valid JSON array", SitesError(json), StringComparison.Ordinal);
    }
}
