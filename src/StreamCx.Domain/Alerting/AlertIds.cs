using System.Security.Cryptography;
using System.Text;

namespace StreamCx.Domain.Alerting;

/// <summary>Deterministic alert ids: the same irritant opened by the same event gets the same id after a replay or restart.</summary>
public static class AlertIds
{
    public static string For(string siteId, string attributeId, DateTimeOffset openedAt)
    {
        var key = Encoding.UTF8.GetBytes($"{siteId}\u0000{attributeId}\u0000{openedAt.UtcTicks}");
        return "alr-" + Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }
}
