using System.Security.Cryptography;
using System.Text;

namespace StreamCx.Host.Web.Live;

/// <summary>The token that opens the API and the page; compared in constant time (both sides hashed first).</summary>
public sealed class AccessToken
{
    private readonly byte[] _hash;

    public AccessToken(string value, bool generated)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Generated = generated;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    public string Value { get; }

    /// <summary>True when none was configured and this one was made up at start.</summary>
    public bool Generated { get; }

    /// <summary>The configured token, or a new random one (32 bytes, base64url).</summary>
    public static AccessToken FromSettings(WebSettings settings) =>
        string.IsNullOrEmpty(settings.Token)
            ? new AccessToken(Base64Url(RandomNumberGenerator.GetBytes(32)), generated: true)
            : new AccessToken(settings.Token, generated: false);

    /// <summary>Whether a presented token is this one: same time whatever the presented value (length included).</summary>
    public bool Matches(string? presented)
    {
        if (presented is null) return false;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(presented);
        SHA256.HashData(bytes, hash);
        return CryptographicOperations.FixedTimeEquals(hash, _hash);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
