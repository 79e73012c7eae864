using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StreamCx.Domain.Journeys;
using StreamCx.Engine.Journeys;
using StreamCx.Host.Web.Live;

namespace StreamCx.Host.Tests.Web;

/// <summary><c>GET /api/journey-indicators</c>: its query is checked, a bad or hostile value named, never passed on.</summary>
public class JourneyIndicatorsQueryTests
{
    private static (GetJourneyIndicators? Query, List<string> Errors) Parse(params (string Key, string Value)[] query)
    {
        var parsed = JourneyEndpoints.IndicatorsQuery(new QueryCollection(query.ToDictionary(p => p.Key, p => new StringValues(p.Value))), out var errors);
        return (parsed, errors);
    }

    [Fact]
    public void Defaults_to_sites_over_thirty_days_and_takes_each_scope()
    {
        Assert.Equal(new GetJourneyIndicators(JourneyIndicatorScope.Site, 30), Parse().Query);
        Assert.Equal(new GetJourneyIndicators(JourneyIndicatorScope.Region, 7), Parse(("by", "region"), ("days", "7")).Query);
        Assert.Equal(new GetJourneyIndicators(JourneyIndicatorScope.Department, 365), Parse(("by", "department"), ("days", "365")).Query);
    }

    [Theory]
    [InlineData("by", "Site", "by must be site, region or department, got 'Site'")]
    [InlineData("by", "<img src=x onerror=alert(1)>", "got '<img src=x onerror=alert(1)>'")]
    [InlineData("by", "2", "by must be")]
    [InlineData("days", "0", "days must be a whole number from 1 to 365, got '0'")]
    [InlineData("days", "366", "days must be")]
    [InlineData("days", "-1", "days must be")]
    [InlineData("days", "1e2", "days must be")]
    [InlineData("region", "north", "unknown parameter 'region' (known: by, days)")]
    public void A_bad_value_is_refused_naming_the_parameter(string key, string value, string fragment)
    {
        var (query, errors) = Parse((key, value));
        Assert.Null(query);
        Assert.Contains(fragment, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_character_is_shown_escaped()
    {
        var (query, errors) = Parse(("by", "site\u0007\n"));
        Assert.Null(query);
        Assert.DoesNotContain('\n', Assert.Single(errors));
    }
}
