namespace StreamCx.Host.Simulation;

/// <summary>The listening simulator's texts: complaints by reason, staff reports, social posts (untrusted text in production; plain here).</summary>
internal static class ListeningTexts
{
    /// <summary>A complaint's text by reason (the reasons of <c>config/complaint-reasons.json</c>, and two it does not list).</summary>
    public static readonly Dictionary<string, string[]> Complaints = new(StringComparer.Ordinal)
    {
        ["long-wait"] = ["Forty minutes at the counter, again.", "Only two checkouts open and a queue to the back of the store.", "Waited ages before anyone served me."],
        ["rude-staff"] = ["The salesperson was rude to me.", "Staff ignored my questions."],
        ["out-of-stock"] = ["The advertised product was out of stock.", "Third visit, still not in stock."],
        ["dirty-store"] = ["The fitting rooms were dirty.", "Rubbish on the floor near the entrance."],
        ["late-delivery"] = ["My order arrived four days late.", "Delivery slot missed without notice."],
        ["incomplete-delivery"] = ["Two items missing from my delivery."],
        ["slow-checkout"] = ["The card reader kept failing at checkout."],
        ["bad-advice"] = ["I was sold the wrong part."],
        ["pricing-error"] = ["Charged more than the shelf price."],
        ["refused-return"] = ["They refused my return with the receipt in hand."],
        ["app-bug"] = ["The app lost my basket at payment."],
        ["other"] = ["I want to speak to the manager."],
        ["parking-full"] = ["The car park was full all afternoon."],
        ["loyalty-points"] = ["My loyalty points disappeared."],
    };

    /// <summary>Reasons a complaint system may send that the shipped catalog does not list: the engine keeps and flags them.</summary>
    public static readonly string[] UncataloguedReasons = ["parking-full", "loyalty-points"];

    public static readonly string[] GenericComplaint = ["Very disappointed with my visit."];

    /// <summary>Free topics of staff reports (no attribute).</summary>
    public static readonly string[] Topics = ["staff-planning", "opening-hours", "parking", "loyalty-programme"];

    public static readonly string[] StaffPositive = ["Customers pleased with the new layout.", "Quiet day, customers happy.", "Several customers thanked the team."];

    public static readonly string[] StaffNegative = ["Customers complained to me about this today.", "Several customers unhappy about this.", "This keeps coming up with customers."];

    /// <summary>What the checkout staff report while the waiting-time irritant builds up.</summary>
    public static readonly string[] StaffOnWaiting =
        ["Two cashiers out sick, queues past the aisles.", "Customers leaving their baskets because of the queue.", "Asked for a checkout reinforcement, none available.",
         "Queue at the counter over 30 minutes at noon.", "Customers angry about the wait, some left.", "Self-checkouts down, everyone in one queue."];

    public static readonly string[] SocialPositive = ["Great service at {0} today!", "Friendly team at {0}, thanks.", "Found everything I needed at {0}."];

    public static readonly string[] SocialNeutral = ["At {0} this afternoon.", "Anyone knows if {0} opens on Sunday?"];

    public static readonly string[] SocialNegative = ["Disappointed by {0} today.", "Not going back to {0} any time soon.", "{0}: what a mess."];

    /// <summary>The scripted burst: the queue at the waiting-time irritant's site, posted about.</summary>
    public static readonly string[] SocialOnWaiting =
        ["45 minutes in the queue at {0}, only two checkouts open. Never again.", "The queue at {0} is a joke today.", "{0}: I gave up and left my trolley.",
         "Is anyone working at {0}? The queue hasn't moved in 20 minutes.", "Avoid {0} today, the wait is insane."];

    /// <summary>How the brand as a whole is named in posts without a site.</summary>
    public const string Brand = "the brand";
}
