using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Listening;
using StreamCx.Host.Web.Live;

namespace StreamCx.Host.Tests.Web;

/// <summary><c>GET /api/service</c>: its query is checked, a bad or hostile value named, never passed on.</summary>
public class ServiceQueryTests
{
    private static readonly ReferenceCatalog Catalog = new([new Site("s1", "Site 1", "north")], [new AttributeDefinition("a", "A", 1, 5, 2)]);

    private static (GetServiceKpis? Query, List<string> Errors) Parse(params (string Key, string Value)[] query)
    {
        var parsed = ListeningEndpoints.ServiceQuery(new QueryCollection(query.ToDictionary(p => p.Key, p => new StringValues(p.Value))), Catalog, out var errors);
        return (parsed, errors);
    }

    [Fact]
    public void Defaults_to_every_site_over_thirty_days()
    {
        Assert.Equal(new GetServiceKpis(null, null, 30), Parse().Query);
        Assert.Equal(new GetServiceKpis("north", "s1", 90), Parse(("region", "north"), ("site", "s1"), ("days", "90")).Query);
    }

    [Theory]
    [InlineData("region", "atlantis", "region 'atlantis'")]
    [InlineData("site", "<script>alert(1)</script>", "site '<script>alert(1)</script>'")]
    [InlineData("days", "0", "days must be a whole number from 1 to 90")]
    [InlineData("days", "91", "days")]
    [InlineData("days", "-3", "days")]
    [InlineData("days", "2.5", "days")]
    [InlineData("days", "<img src=x>", "days")]
    public void A_bad_value_is_refused_naming_the_parameter(string key, string value, string fragment)
    {
        var (query, errors) = Parse((key, value));

        Assert.Null(query);
        Assert.Contains(fragment, Assert.Single(errors), StringComparison.Ordinal);
    }
}
