using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Listening;
using StreamCx.Host.Web.Live;

namespace StreamCx.Host.Tests.Web;

/// <summary><c>GET /api/complaints/board</c>: its query is checked, a bad or hostile value named, never passed on.</summary>
public class ComplaintBoardQueryTests
{
    private static readonly ReferenceCatalog Catalog = new([new Site("s1", "Site 1", "north"), new Site("s2", "Site 2", "south")], [new AttributeDefinition("a", "A", 1, 5, 2)]);

    private static (GetComplaintBoard? Query, List<string> Errors) Parse(params (string Key, string Value)[] query)
    {
        var q = BoardQueryOf(query);
        var parsed = ListeningEndpoints.BoardQuery(q, Catalog, out var errors);
        return (parsed, errors);
    }

    private static QueryCollection BoardQueryOf((string Key, string Value)[] query) =>
        new(query.ToDictionary(p => p.Key, p => new StringValues(p.Value)));

    [Fact]
    public void Defaults_to_the_network_over_seven_days()
    {
        Assert.Equal(new GetComplaintBoard(null, null, null, 7), Parse().Query);
        Assert.Equal(new GetComplaintBoard("north", "s1", "phone", 30), Parse(("region", "north"), ("site", "s1"), ("channel", "phone"), ("days", "30")).Query);
    }

    [Theory]
    [InlineData("region", "atlantis", "region 'atlantis'")]
    [InlineData("site", "<script>alert(1)</script>", "site '<script>alert(1)</script>'")]
    [InlineData("days", "0", "days must be a whole number from 1 to 90")]
    [InlineData("days", "91", "days")]
    [InlineData("days", "-3", "days")]
    [InlineData("days", "7.5", "days")]
    [InlineData("channel", "", "channel must be 1 to 100 characters")]
    public void A_bad_value_is_refused_naming_the_parameter(string key, string value, string fragment)
    {
        var (query, errors) = Parse((key, value));

        Assert.Null(query);
        Assert.Contains(errors, e => e.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void A_channel_longer_than_100_characters_is_refused()
    {
        Assert.Null(Parse(("channel", new string('c', 101))).Query);
    }

    [Fact]
    public void The_staff_reports_board_takes_a_role_where_the_reasons_board_takes_a_channel()
    {
        Assert.Equal(new GetComplaintBoard(null, "s1", "driver", 3), ListeningEndpoints.BoardQuery(BoardQueryOf([("site", "s1"), ("role", "driver"), ("days", "3")]), Catalog, out _, "role"));

        Assert.Null(ListeningEndpoints.BoardQuery(BoardQueryOf([("role", new string('r', 101))]), Catalog, out var errors, "role"));
        Assert.Equal(["role must be 1 to 100 characters"], errors);
    }
}
