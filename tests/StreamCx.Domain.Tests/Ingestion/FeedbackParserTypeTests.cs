using System.Text.Json.Nodes;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>The <c>type</c> field and the journey family: <c>journey-step</c>, <c>journey-closed</c>, <c>churn</c>.</summary>
public sealed class FeedbackParserTypeTests
{
    private static readonly string At = FeedbackJson.Iso(FeedbackJson.Now.AddHours(-1));

    private static JsonObject Step() => new()
    {
        ["type"] = "journey-step", ["eventId"] = "stp-1", ["occurredAt"] = At, ["journeyId"] = "jrn-1",
        ["department"] = "support", ["step"] = "call",
    };

    private static JsonObject Closed() => new()
    {
        ["type"] = "journey-closed", ["eventId"] = "cls-1", ["occurredAt"] = At, ["journeyId"] = "jrn-1", ["outcome"] = "unresolved",
    };

    private static JsonObject ChurnMessage() => new()
    {
        ["type"] = "churn", ["eventId"] = "chn-1", ["occurredAt"] = At, ["accountId"] = "acc-1",
    };

    private static ParseOutcome Parse(JsonObject o) => Parsing.Parse(FeedbackJson.Bytes(o));

    private static T AssertSignal<T>(ParseOutcome outcome) where T : JourneySignal
    {
        Assert.True(outcome.Rejection is null, $"expected a valid message, got {outcome.Rejection}");
        Assert.True(outcome.IsValid);
        Assert.Null(outcome.Event);
        return Assert.IsType<T>(outcome.Signal);
    }

    [Fact]
    public void Absent_or_null_or_feedback_type_is_a_feedback_event()
    {
        var absent = FeedbackJson.Minimal();
        var named = FeedbackJson.Minimal();
        named["type"] = "feedback";

        Assert.NotNull(AssertValid(Parse(absent)));
        Assert.NotNull(AssertValid(Parse(named)));
        Assert.NotNull(AssertValid(Parsing.Parse(FeedbackJson.WithRawField("type", "null"))));
    }

    [Fact]
    public void Feedback_carries_the_journey_fields_as_given()
    {
        var o = FeedbackJson.Minimal();
        o["journeyId"] = "jrn-1";
        o["customerId"] = "cus-1";
        o["accountId"] = "acc-1";
        o["contactRole"] = "purchasing";
        o["department"] = "field-service";
        o["scope"] = "journey";

        var e = AssertValid(Parse(o));

        Assert.Equal(("jrn-1", "cus-1", "acc-1"), (e.JourneyId, e.CustomerId, e.AccountId));
        Assert.Equal(("purchasing", "field-service"), (e.ContactRole, e.Department));
        Assert.Equal(FeedbackScope.Journey, e.Scope);
        Assert.Equal(CatalogFlags.None, e.Flags);
    }

    [Fact]
    public void Feedback_scope_defaults_to_interaction()
    {
        Assert.Equal(FeedbackScope.Interaction, AssertValid(Parse(FeedbackJson.Minimal())).Scope);
    }

    [Fact]
    public void Unknown_department_and_role_are_kept_and_flagged_not_rejected()
    {
        var o = FeedbackJson.Minimal();
        o["department"] = "night-shift";
        o["contactRole"] = "intern";

        var e = AssertValid(Parse(o));

        Assert.Equal(("night-shift", "intern"), (e.Department, e.ContactRole));
        Assert.Equal(CatalogFlags.UnknownDepartment | CatalogFlags.UnknownRole, e.Flags);
    }

    [Fact]
    public void Journey_step_is_parsed_with_its_optional_fields()
    {
        var o = Step();
        o["siteId"] = TestCatalog.LilleCentre;
        o["customerId"] = "cus-1";
        o["accountId"] = "acc-1";
        o["reason"] = "network-outage";

        var s = AssertSignal<JourneyStep>(Parse(o));

        Assert.Equal(("stp-1", "jrn-1", "support", "call", "network-outage"), (s.EventId, s.JourneyId, s.Department, s.Step, s.Reason));
        Assert.Equal((TestCatalog.LilleCentre, "cus-1", "acc-1"), (s.SiteId, s.CustomerId, s.AccountId));
        Assert.Equal(FeedbackJson.Now.AddHours(-1), s.OccurredAt);
        Assert.Equal(CatalogFlags.None, s.Flags);
    }

    [Fact]
    public void Journey_step_with_an_unknown_department_is_kept_and_flagged()
    {
        var o = Step();
        o["department"] = "mystery-desk";

        var s = AssertSignal<JourneyStep>(Parse(o));

        Assert.Equal("mystery-desk", s.Department);
        Assert.Equal(CatalogFlags.UnknownDepartment, s.Flags);
    }

    [Theory]
    [InlineData("resolved", JourneyOutcome.Resolved)]
    [InlineData("unresolved", JourneyOutcome.Unresolved)]
    [InlineData("abandoned", JourneyOutcome.Abandoned)]
    public void Journey_closed_carries_its_outcome(string text, JourneyOutcome outcome)
    {
        var o = Closed();
        o["outcome"] = text;

        Assert.Equal(outcome, AssertSignal<JourneyClosed>(Parse(o)).Outcome);
    }

    [Fact]
    public void Churn_of_an_account_or_a_customer_is_parsed()
    {
        var byCustomer = ChurnMessage();
        byCustomer.Remove("accountId");
        byCustomer["customerId"] = "cus-9";
        byCustomer["reason"] = "price";

        Assert.Equal("acc-1", AssertSignal<Churn>(Parse(ChurnMessage())).AccountId);
        var c = AssertSignal<Churn>(Parse(byCustomer));
        Assert.Equal(("cus-9", null, "price"), (c.CustomerId, c.AccountId, c.Reason));
    }

    public static TheoryData<string, string> StepRequired => new()
    {
        { "journey-step", "journeyId" }, { "journey-step", "department" }, { "journey-step", "step" }, { "journey-step", "occurredAt" },
        { "journey-closed", "journeyId" }, { "journey-closed", "outcome" }, { "journey-closed", "occurredAt" },
        { "churn", "occurredAt" }, { "journey-step", "eventId" }, { "churn", "eventId" },
    };

    [Theory]
    [MemberData(nameof(StepRequired))]
    public void Absent_required_field_of_a_type_is_rejected_as_missing_by_name(string type, string field)
    {
        var o = type switch { "journey-step" => Step(), "journey-closed" => Closed(), _ => ChurnMessage() };
        o.Remove(field);

        AssertRejected(Parse(o), RejectionReason.MissingField, $"'{field}'");
    }

    [Fact]
    public void Churn_without_customer_nor_account_is_rejected_naming_both()
    {
        var o = ChurnMessage();
        o["accountId"] = "  ";

        AssertRejected(Parse(o), RejectionReason.MissingField, "'customerId'", "'accountId'");
    }

    [Theory]
    [InlineData("complaints")]
    [InlineData("Feedback")]
    [InlineData("")]
    [InlineData("journey-step\u0000")]
    [InlineData("<script>alert(1)</script>")]
    public void Unknown_type_is_rejected_naming_the_known_types(string type)
    {
        var o = FeedbackJson.Minimal();
        o["type"] = type;

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'type'", "journey-step", "churn");
    }

    [Theory]
    [InlineData("type", "7")]
    [InlineData("type", "[\"churn\"]")]
    [InlineData("accountId", "{}")]
    [InlineData("contactRole", "true")]
    [InlineData("department", "3")]
    [InlineData("scope", "[]")]
    public void Ill_typed_new_field_is_rejected_by_name(string field, string raw)
    {
        AssertRejected(Parsing.Parse(FeedbackJson.WithRawField(field, raw)), RejectionReason.InvalidField, $"'{field}'", "must be a string");
    }

    [Fact]
    public void Scope_other_than_interaction_or_journey_is_rejected()
    {
        var o = FeedbackJson.Minimal();
        o["scope"] = "relationship";

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'scope'", "'relationship'");
    }

    [Fact]
    public void Outcome_outside_the_three_values_is_rejected()
    {
        var o = Closed();
        o["outcome"] = "fixed";

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'outcome'", "'fixed'");
    }

    [Fact]
    public void Journey_step_at_an_unknown_site_is_rejected_but_may_have_none()
    {
        var o = Step();
        o["siteId"] = "store-atlantis";

        AssertRejected(Parse(o), RejectionReason.UnknownSite, "store-atlantis");
        Assert.Null(AssertSignal<JourneyStep>(Parse(Step())).SiteId);
    }

    [Fact]
    public void Journey_id_longer_than_the_id_limit_is_rejected()
    {
        var o = Step();
        o["journeyId"] = new string('j', 201);

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'journeyId'", "200");
    }

    [Fact]
    public void Journey_step_with_a_future_timestamp_is_rejected_like_feedback()
    {
        var o = Step();
        o["occurredAt"] = FeedbackJson.Iso(FeedbackJson.Now.AddHours(2));

        AssertRejected(Parse(o), RejectionReason.FutureTimestamp);
    }

    [Fact]
    public void Journey_step_repeating_a_field_is_rejected()
    {
        var text = FeedbackJson.Text(Step());
        var twice = string.Concat(text.AsSpan(0, text.Length - 1), ",\"department\":\"sales\"}");

        AssertRejected(Parsing.Parse(twice), RejectionReason.InvalidField, "'department'", "twice");
    }
}
