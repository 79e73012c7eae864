using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>A small, fixed reference catalog: five sites in two regions, four attributes on different scales, four departments.</summary>
public static class TestCatalog
{
    public const string LilleCentre = "store-lille-centre";
    public const string LilleEuralille = "store-lille-euralille";
    public const string Roubaix = "store-roubaix";
    public const string ParisOpera = "store-paris-opera";
    public const string ParisBercy = "store-paris-bercy";

    /// <summary>1..5, dissatisfied at or below 2.</summary>
    public const string WaitingTime = "waiting-time";

    /// <summary>1..5, dissatisfied at or below 2.</summary>
    public const string StaffCourtesy = "staff-courtesy";

    /// <summary>0..10, dissatisfied at or below 6.</summary>
    public const string Cleanliness = "cleanliness";

    /// <summary>1..7, dissatisfied at or below 3.</summary>
    public const string EaseOfReturn = "ease-of-return";

    public static IReadOnlyList<Site> Sites { get; } =
    [
        new(LilleCentre, "Lille Centre", "north"),
        new(LilleEuralille, "Lille Euralille", "north"),
        new(Roubaix, "Roubaix", "north"),
        new(ParisOpera, "Paris Opéra", "paris"),
        new(ParisBercy, "Paris Bercy", "paris"),
    ];

    public static IReadOnlyList<AttributeDefinition> Attributes { get; } =
    [
        new(WaitingTime, "Waiting time", 1, 5, 2),
        new(StaffCourtesy, "Staff courtesy", 1, 5, 2),
        new(Cleanliness, "Cleanliness", 0, 10, 6),
        new(EaseOfReturn, "Ease of return", 1, 7, 3),
    ];

    public static IReadOnlyList<Department> Departments { get; } =
    [
        new("sales", "Sales"),
        new("support", "Customer support"),
        new("field-service", "Field service"),
        new("central-support", "Central support"),
    ];

    /// <summary>Complaint reasons (long-wait bears on waiting time), incident types, reporter roles and platforms.</summary>
    public static ListeningCatalog Listening { get; } = new(
        [new("long-wait", "Long wait", WaitingTime), new("rude-staff", "Rude staff", StaffCourtesy), new("other", "Other")],
        [new("delivery-delay", "Delivery delay", ["delivery"], "minutes late"), new("breakdown", "Breakdown", [WaitingTime])],
        [new("sales", "Sales representative"), new("driver", "Delivery driver")],
        [new("x", "X"), new("facebook", "Facebook")]);

    public static ReferenceCatalog Create() => new(Sites, Attributes, Departments) { Listening = Listening };
}
