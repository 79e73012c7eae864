namespace StreamCx.Host.Simulation;

/// <summary>One contact of a journey: the department (of <c>config/departments.json</c>) that handles it, what it is, and whether it happens at the customer's site.</summary>
public sealed record JourneyContact(string Department, string Step, bool AtSite);

/// <summary>Why a customer got in touch and the contacts that follow, in order.</summary>
public sealed record JourneyStory(string Reason, IReadOnlyList<JourneyContact> Contacts);

/// <summary>The journeys the simulator tells, in the departments of the shipped catalog.</summary>
public static class JourneyStories
{
    private static readonly JourneyContact StoreVisit = new("store", "store-visit", true);
    private static readonly JourneyContact SalesQuote = new("sales", "quote", true);
    private static readonly JourneyContact RepairRequest = new("after-sales", "repair-request", true);
    private static readonly JourneyContact SupportCall = new("support", "call", false);
    private static readonly JourneyContact TechnicianVisit = new("field-service", "technician-visit", false);
    private static readonly JourneyContact Escalation = new("central-support", "ticket-escalation", false);
    private static readonly JourneyContact TrackingCall = new("delivery", "tracking-call", false);
    private static readonly JourneyContact Redelivery = new("delivery", "redelivery", false);
    private static readonly JourneyContact BillingCall = new("billing", "call", false);
    private static readonly JourneyContact RefundRequest = new("billing", "refund-request", false);

    /// <summary>Everyday journeys: the first contact, then the department it is handed over to (resolved in one or two contacts, sometimes three).</summary>
    public static readonly JourneyStory[] Everyday =
    [
        new("product-question", [StoreVisit, SalesQuote]),
        new("order", [SalesQuote, TrackingCall]),
        new("late-delivery", [TrackingCall, SupportCall]),
        new("setup-help", [SupportCall, TechnicianVisit]),
        new("invoice-question", [BillingCall, SupportCall]),
        new("repair", [RepairRequest, TechnicianVisit]),
        new("product-return", [StoreVisit, RefundRequest]),
    ];

    /// <summary>Watermelons: more than three contacts over three departments or more, each handled kindly, none solving the problem.</summary>
    public static readonly JourneyStory[] Watermelons =
    [
        new("appliance-breakdown", [RepairRequest, TechnicianVisit, Escalation, TechnicianVisit, SupportCall]),
        new("order-not-delivered", [TrackingCall, SupportCall, StoreVisit, Redelivery, RefundRequest]),
        new("installation-failure", [SalesQuote, TechnicianVisit, SupportCall, Escalation]),
    ];
}
