namespace StreamCx.Perf.Micro.Workload;

/// <summary>A few verbatims of the length customers write (shared instances: the text itself is not what is measured).</summary>
public static class Comments
{
    private static readonly string[] Texts =
    [
        "Une seule caisse ouverte en fin de matinée, 25 minutes d'attente.",
        "Caissière très aimable, passage en caisse rapide.",
        "Item showed as in stock online but was not there when I came to collect it.",
        "Rayon frais mal rangé, impossible de trouver un conseiller pour m'aider.",
        "Great advice from the staff in the garden section, will come back.",
    ];

    public static string Pick(int i) => Texts[i % Texts.Length];
}
