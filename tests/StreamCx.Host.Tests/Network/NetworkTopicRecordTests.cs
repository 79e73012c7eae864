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

    [Fact]
    public void A_journey_indicator_reading_comes_back_as_written()
    {
        var at = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(1));
        var written = new FeedbackEvent("journey:jrn-1:settled", at, "s1", "journey", new Dictionary<string, double> { ["journeys-not-red"] = 0, ["journeys-not-watermelon"] = 10 })
        {
            JourneyId = "jrn-1", AccountId = "acc-<b>",
        };

        var (input, problem) = NetworkTopicRecord.Decode(NetworkTopicRecord.Reading(written));

        Assert.Null(problem);
        var read = input!.Reading!;
        Assert.Equal((written.EventId, at, "s1", "jrn-1", (string?)null, "acc-<b>"), (read.EventId, read.OccurredAt, read.SiteId, read.JourneyId, read.CustomerId, read.AccountId));
        Assert.Equal(written.Ratings, read.Ratings);
        Assert.Null(input.RegionGroup);
        Assert.Null(input.Channel);
    }

    [Theory]
    [InlineData("{\"kind\":\"reading\",\"occurredAt\":\"2026-03-02T11:00:00Z\",\"siteId\":\"s1\",\"ratings\":{\"a\":1}}", "a reading without its event id")]
    [InlineData("{\"kind\":\"reading\",\"eventId\":\"e\",\"occurredAt\":\"soon\",\"siteId\":\"s1\",\"ratings\":{\"a\":1}}", "a reading without its time")]
    [InlineData("{\"kind\":\"reading\",\"eventId\":\"e\",\"occurredAt\":\"2026-03-02T11:00:00Z\",\"siteId\":7,\"ratings\":{\"a\":1}}", "a reading without its site")]
    [InlineData("{\"kind\":\"reading\",\"eventId\":\"e\",\"occurredAt\":\"2026-03-02T11:00:00Z\",\"siteId\":\"s1\"}", "a reading without its ratings")]
    [InlineData("{\"kind\":\"reading\",\"eventId\":\"e\",\"occurredAt\":\"2026-03-02T11:00:00Z\",\"siteId\":\"s1\",\"ratings\":{}}", "a reading without ratings")]
    [InlineData("{\"kind\":\"reading\",\"eventId\":\"e\",\"occurredAt\":\"2026-03-02T11:00:00Z\",\"siteId\":\"s1\",\"ratings\":{\"a\":\"ten\"}}", "a reading with a bad rating a")]
    [InlineData("{\"kind\":\"reading\",\"eventId\":\"e\",\"occurredAt\":\"2026-03-02T11:00:00Z\",\"siteId\":\"s1\",\"ratings\":{\"a\":1e400}}", "a reading with a bad rating a")]
    public void A_reading_that_is_not_one_says_why_and_carries_nothing(string json, string expected)
    {
        var (input, problem) = NetworkTopicRecord.Decode(Encoding.UTF8.GetBytes(json));

        Assert.Null(input);
        Assert.StartsWith(expected, problem);
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
