using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StreamCx.Domain.Live;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Web.Live;

namespace StreamCx.Host.Tests.Web;

/// <summary>The filter of <c>/api/alerts</c> and of the stream read from a request's query: the <c>kind</c> among the others.</summary>
public class QueryFilterTests
{
    private static readonly ReferenceCatalog Catalog = new([new Site("s1", "Site 1", "north")], [new AttributeDefinition("a", "A", 1, 5, 2)]);

    private static QueryCollection QueryOf(params (string Key, string[] Values)[] query) =>
        new(query.ToDictionary(p => p.Key, p => new StringValues(p.Values)));

    [Fact]
    public void The_kind_is_read_with_the_other_filters_and_the_stream_parameters_are_ignored()
    {
        var (filter, errors) = QueryFilter.Read(
            QueryOf(("region", ["north"]), ("kind", ["journey"]), (TokenGate.QueryTokenName, ["t"]), (AlertStreamEndpoint.LastEventIdQuery, ["3"])),
            Catalog, TokenGate.QueryTokenName, AlertStreamEndpoint.LastEventIdQuery);

        Assert.Empty(errors);
        Assert.Equal(new AlertFilter(RegionId: "north", Kind: AlertKinds.Journey), filter);
    }

    [Fact]
    public void An_unknown_or_repeated_kind_is_an_error_and_no_filter()
    {
        var (unknown, unknownErrors) = QueryFilter.Read(QueryOf(("kind", ["<b>melon</b>\n"])), Catalog);
        Assert.Null(unknown);
        Assert.StartsWith("kind: unknown kind '<b>melon</b>' (known: ", Assert.Single(unknownErrors), StringComparison.Ordinal);

        var (repeated, repeatedErrors) = QueryFilter.Read(QueryOf(("kind", ["peer", "trend"])), Catalog);
        Assert.Null(repeated);
        Assert.Equal("kind: give it at most once", Assert.Single(repeatedErrors));
    }
}
