using StreamCx.Domain.Live;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Live;

public class AlertFilterParserTests
{
    private static (AlertFilter? Filter, IReadOnlyList<string> Errors) Parse(params (string Key, string? Value)[] query) =>
        AlertFilterParser.Parse(
            query.GroupBy(q => q.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string?>)g.Select(q => q.Value).ToArray()),
            TestCatalog.Create());

    [Fact]
    public void No_parameter_selects_everything()
    {
        var (filter, errors) = Parse();
        Assert.Empty(errors);
        Assert.Equal(AlertFilter.All, filter);
    }

    [Fact]
    public void Known_values_make_the_filter_and_empty_values_are_no_filter()
    {
        var (filter, errors) = Parse(("region", "north"), ("site", TestCatalog.LilleCentre), ("attribute", TestCatalog.WaitingTime), ("minSeverity", "0.5"));
        Assert.Empty(errors);
        Assert.Equal(new AlertFilter("north", TestCatalog.LilleCentre, TestCatalog.WaitingTime, 0.5), filter);
        Assert.Equal(AlertFilter.All, Parse(("region", ""), ("site", "  "), ("minSeverity", null)).Filter);
    }

    [Theory]
    [InlineData("low", 0)]
    [InlineData("Medium", 0.25)]
    [InlineData("HIGH", 0.5)]
    [InlineData("critical", 0.75)]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData(".3", 0.3)]
    [InlineData("0.125", 0.125)]
    public void Minimum_severity_is_a_number_from_0_to_1_or_a_level_name(string text, double expected)
    {
        Assert.Equal(expected, Parse(("minSeverity", text)).Filter!.MinSeverity);
    }

    [Theory]
    [InlineData("journey")]
    [InlineData("account")]
    [InlineData("complaints")]
    [InlineData("social")]
    [InlineData("internal")]
    public void The_pseudo_attributes_of_journey_and_listening_alerts_are_filters(string attribute)
    {
        var (filter, errors) = Parse(("attribute", attribute));

        Assert.Empty(errors);
        Assert.Equal(attribute, filter!.AttributeId);
    }

    [Theory]
    [InlineData("region", "south", "region: unknown region 'south'")]
    [InlineData("site", "store-nowhere", "site: unknown site")]
    [InlineData("attribute", "smell", "attribute: unknown attribute")]
    [InlineData("minSeverity", "-0.1", "minSeverity:")]
    [InlineData("minSeverity", "1.0001", "minSeverity:")]
    [InlineData("minSeverity", "NaN", "minSeverity:")]
    [InlineData("minSeverity", "Infinity", "minSeverity:")]
    [InlineData("minSeverity", "1e-3", "minSeverity:")]
    [InlineData("minSeverity", "+0.5", "minSeverity:")]
    [InlineData("minSeverity", "0,5", "minSeverity:")]
    [InlineData("minSeverity", "2", "minSeverity:")]
    [InlineData("minSeverity", "extreme", "minSeverity:")]
    [InlineData("regoin", "north", "unknown parameter 'regoin'")]
    [InlineData("Region", "north", "unknown parameter 'Region'")]
    public void Bad_values_are_errors_naming_the_parameter(string key, string value, string expected)
    {
        var (filter, errors) = Parse((key, value));
        Assert.Null(filter);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_outside_the_given_region_and_a_repeated_parameter_are_errors()
    {
        Assert.Contains("not in region", Assert.Single(Parse(("region", "north"), ("site", TestCatalog.ParisOpera)).Errors), StringComparison.Ordinal);
        Assert.Contains("at most once", Assert.Single(Parse(("region", "north"), ("region", "paris")).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var (_, errors) = Parse(("region", "x"), ("attribute", "y"), ("minSeverity", "z"), ("foo", "1"));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void Echoed_values_are_short_and_without_control_characters()
    {
        var hostile = "\ud800\u0000\n\r\u001b[31m" + new string('x', 10_000);
        var error = Assert.Single(Parse(("site", hostile)).Errors);
        Assert.True(error.Length < 120);
        Assert.DoesNotContain(error, char.IsControl);
        Assert.DoesNotContain(error, char.IsSurrogate);
    }

    [Fact]
    public void The_filter_matches_on_each_given_field_and_the_severity_threshold_inclusively()
    {
        var filter = new AlertFilter("north", null, TestCatalog.WaitingTime, 0.5);
        Assert.True(filter.Matches("north", "any-site", TestCatalog.WaitingTime, 0.5, []));
        Assert.False(filter.Matches("north", "any-site", TestCatalog.WaitingTime, 0.4999, []));
        Assert.False(filter.Matches("paris", "any-site", TestCatalog.WaitingTime, 0.9, []));
        Assert.False(filter.Matches("north", "any-site", TestCatalog.Cleanliness, 0.9, []));
        Assert.True(AlertFilter.All.Matches("x", "y", "z", 0, []));
    }
}
