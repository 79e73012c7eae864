using System.Text;
using StreamCx.Domain.Contracts;
using StreamCx.Host.Network;

namespace StreamCx.Host.Tests.Network;

public sealed class NetworkTopicRecordTests
{
    private static readonly Alert RegionGroup = ContractJson.DeserializeAlert("""
        {"alertId":"grp-1","status":"open","sequence":1,"siteId":"s1","siteName":"2 sites in north","regionId":"north","attributeId":"cleanliness",
         "attributeLabel":"Cleanliness","severity":0.4,"severityLevel":"medium","factors":[{"kind":"group","scope":"region","since":"2026-03-02T10:00:00+00:00",
         "siteIds":["s1","s2"],"regionIds":["north"],"foldedAlertIds":["a1","a2"]}],"score":{"mean":2.6,"dissatisfiedPct":40,"count":60},
         "raisedAt":"2026-03-02T10:30:00+00:00","emittedAt":"2026-03-02T10:30:01+00:00","window":{"start":"2026-03-02T09:00:00+00:00","end":"2026-03-02T10:30:00+00:00"},
         "explanation":"Cleanliness fell at 2 sites in north since 10:00"}
        """)!;

    [Fact]
    public void A_region_group_and_a_pass_come_back_as_written()
    {
        var (group, problem) = NetworkTopicRecord.Decode(NetworkTopicRecord.Group(RegionGroup));
        Assert.Null(problem);
        Assert.Equal(ContractJson.Serialize(RegionGroup), ContractJson.Serialize(group!.RegionGroup!));

        var at = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero);
        var (passed, _) = NetworkTopicRecord.Decode(NetworkTopicRecord.Passed("cx.regions/3", at, 12));
        Assert.Equal(("cx.regions/3", at, 12), (passed!.Channel, passed.Through, passed.Channels));
        Assert.Null(passed.RegionGroup);
    }

    [Theory]
    [InlineData("", "not JSON of the network topic")]
    [InlineData("{", "not JSON of the network topic")]
    [InlineData("[1,2]", "not an object with a kind")]
    [InlineData("{\"kind\":\"evil\"}", "an unknown kind \"evil\"")]
    [InlineData("{\"kind\":42}", "not JSON of the network topic")]
    [InlineData("{\"kind\":\"group\"}", "a group without its alert")]
    [InlineData("{\"kind\":\"group\",\"alert\":\"<script>\"}", "a group without its alert")]
    [InlineData("{\"kind\":\"group\",\"alert\":{\"alertId\":5}}", "not JSON of the network topic")]
    [InlineData("{\"kind\":\"passed\",\"through\":\"2026-03-02T11:00:00Z\",\"channels\":3}", "a pass without its channel")]
    [InlineData("{\"kind\":\"passed\",\"channel\":\"\",\"through\":\"2026-03-02T11:00:00Z\",\"channels\":3}", "a pass without its channel")]
    [InlineData("{\"kind\":\"passed\",\"channel\":\"r/0\",\"through\":\"yesterday\",\"channels\":3}", "a pass without its time")]
    [InlineData("{\"kind\":\"passed\",\"channel\":\"r/0\",\"through\":\"2026-03-02T11:00:00Z\",\"channels\":0}", "a pass without a channel count from 1 to 100000")]
    [InlineData("{\"kind\":\"passed\",\"channel\":\"r/0\",\"through\":\"2026-03-02T11:00:00Z\",\"channels\":1e9}", "a pass without a channel count from 1 to 100000")]
    public void A_record_that_is_not_the_topics_says_why_and_carries_nothing(string json, string expected)
    {
        var (input, problem) = NetworkTopicRecord.Decode(Encoding.UTF8.GetBytes(json));

        Assert.Null(input);
        Assert.StartsWith(expected, problem);
    }
}
