namespace StreamCx.Host.Simulation;

/// <summary>
/// The journey simulator's (English, French) comments, each consistent with the score it comes with (0..10, as the
/// journeys compare them: CSAT 1..5 → 0..10, NPS as given): praise at or above <see cref="PraiseAtOrAbove"/>, a complaint at
/// or below <see cref="ComplaintAtOrBelow"/>, a neutral remark between.
/// </summary>
public static class JourneyVerbatims
{
    public const double PraiseAtOrAbove = 7.5;
    public const double ComplaintAtOrBelow = 4;

    public static readonly (string En, string Fr)[] Praise =
        [("Friendly and helpful, thank you.", "Aimable et serviable, merci."), ("Quick answer, very kind agent.", "Réponse rapide, conseiller très aimable."),
         ("Very professional, nothing to say.", "Très professionnel, rien à redire.")];

    public static readonly (string En, string Fr)[] Neutral =
        [("It was okay.", "C'était correct."), ("Fine, but it took a while.", "Bien, mais ça a pris du temps.")];

    public static readonly (string En, string Fr)[] Complaints =
        [("Nobody could answer my question.", "Personne n'a pu répondre à ma question."), ("I was kept waiting for a long time.", "On m'a fait attendre longtemps.")];

    /// <summary>About a whole journey of friendly contacts that never solved the problem (a watermelon's journey survey).</summary>
    public static readonly (string En, string Fr)[] JourneyComplaints =
        [("Everyone was friendly, but nobody solved my problem.", "Tout le monde était aimable, mais personne n'a résolu mon problème."),
         ("I was passed from one department to the next.", "On m'a renvoyé d'un service à l'autre."),
         ("So many calls and visits, and it still does not work.", "Tant d'appels et de visites, et ça ne marche toujours pas.")];

    /// <summary>A B2B account's purchasing contact, unhappy with the terms rather than the service.</summary>
    public static readonly (string En, string Fr)[] PurchasingComplaints =
        [("Prices went up at renewal with no discussion.", "Hausse des prix au renouvellement, sans discussion."),
         ("Invoices are hard to reconcile with our contract.", "Factures difficiles à rapprocher de notre contrat.")];

    /// <summary>A B2B account's users, happy with what they use every day.</summary>
    public static readonly (string En, string Fr)[] TeamPraise =
        [("The equipment works well for our team.", "Le matériel fonctionne bien pour notre équipe."), ("Our staff find the service reliable.", "Nos équipes trouvent le service fiable.")];

    /// <summary>The texts of a score's kind: <paramref name="complaints"/> and <paramref name="praise"/> replace the general ones when given.</summary>
    public static IReadOnlyList<(string En, string Fr)> For(double score, IReadOnlyList<(string En, string Fr)>? complaints = null, IReadOnlyList<(string En, string Fr)>? praise = null) =>
        score >= PraiseAtOrAbove ? praise ?? Praise : score <= ComplaintAtOrBelow ? complaints ?? Complaints : Neutral;
}
