using System.Globalization;
using System.Text;
using Jinbao.Trust.Algorithms;

namespace Jinbao.Exchange.Sharing;

/// <summary>The parts of a request's <c>Authorization: JINBAO-SM2 …</c> header.</summary>
public sealed record RequestSignature(string CertificateSerial, DateTimeOffset Time, string Nonce, byte[] Signature);

/// <summary>
/// The signature protocol of the partner services. Every request carries
/// <c>Authorization: JINBAO-SM2 cert=SERIAL, time=YYYY-MM-DDTHH:MM:SSZ, nonce=HEX32, signature=BASE64</c>, an SM2
/// signature (signer ID 1234567812345678, DER) by the partner's organisation key over the canonical request:
/// the lines <c>JINBAO-SM2-V1</c>, method, path with query, time, nonce, certificate serial and the lower-case hex SM3
/// digest of the body, joined by LF. Every response carries <c>Jinbao-Signature: time=…, signature=BASE64</c> by the
/// server's key over <c>JINBAO-SM2-V1-RESPONSE</c>, status code, time, the request's nonce and the body's SM3 digest.
/// </summary>
public static class SignedMessages
{
    public const string Scheme = "JINBAO-SM2";
    public const string ResponseHeader = "Jinbao-Signature";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The canonical request that the partner signs.</summary>
    public static byte[] CanonicalRequest(string method, string pathAndQuery, DateTimeOffset time, string nonce, string serial, ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes(string.Join('\n', "JINBAO-SM2-V1", method.ToUpperInvariant(), pathAndQuery, FormatTime(time), nonce, serial.ToUpperInvariant(), Digest(body)));

    /// <summary>The canonical response that the server signs.</summary>
    public static byte[] CanonicalResponse(int status, DateTimeOffset time, string requestNonce, ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes(string.Join('\n', "JINBAO-SM2-V1-RESPONSE", status.ToString(CultureInfo.InvariantCulture), FormatTime(time), requestNonce, Digest(body)));

    /// <summary>Builds the Authorization header value for a request.</summary>
    public static string AuthorizationHeader(Sm2PrivateKey key, string serial, string method, string pathAndQuery, DateTimeOffset time, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] signature = Sm2.Sign(key, CanonicalRequest(method, pathAndQuery, time, nonce, serial, body), Sm2.DefaultId);
        return $"{Scheme} cert={serial.ToUpperInvariant()}, time={FormatTime(time)}, nonce={nonce}, signature={Convert.ToBase64String(signature)}";
    }

    /// <summary>Builds the response signature header value.</summary>
    public static string ResponseSignatureHeader(Sm2PrivateKey key, int status, DateTimeOffset time, string requestNonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] signature = Sm2.Sign(key, CanonicalResponse(status, time, requestNonce, body), Sm2.DefaultId);
        return $"time={FormatTime(time)}, signature={Convert.ToBase64String(signature)}";
    }

    /// <summary>Checks a response signature header against the server's public key.</summary>
    public static bool VerifyResponse(Sm2PublicKey serverKey, string? header, int status, string requestNonce, ReadOnlySpan<byte> body)
    {
        if (header is null)
        {
            return false;
        }

        var parts = Parameters(header);
        return parts.TryGetValue("time", out string? time)
            && parts.TryGetValue("signature", out string? signature)
            && TryParseTime(time, out var parsed)
            && TryBase64(signature, out byte[] bytes)
            && Sm2.Verify(serverKey, CanonicalResponse(status, parsed, requestNonce, body), bytes, Sm2.DefaultId);
    }

    /// <summary>Parses an Authorization header; returns null when it is missing or malformed.</summary>
    public static RequestSignature? ParseAuthorization(string? header)
    {
        if (header is null || !header.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = Parameters(header[(Scheme.Length + 1)..]);
        if (!parts.TryGetValue("cert", out string? serial) || serial.Length is 0 or > 64 || !serial.All(Uri.IsHexDigit)
            || !parts.TryGetValue("time", out string? time) || !TryParseTime(time, out var parsed)
            || !parts.TryGetValue("nonce", out string? nonce) || nonce.Length != 32 || !nonce.All(Uri.IsHexDigit)
            || !parts.TryGetValue("signature", out string? signature) || !TryBase64(signature, out byte[] bytes))
        {
            return null;
        }

        return new RequestSignature(serial.ToUpperInvariant(), parsed, nonce.ToLowerInvariant(), bytes);
    }

    /// <summary>A new random nonce: 16 bytes as 32 lower-case hex digits.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The nonce as a number, for the replay memory.</summary>
    public static UInt128 NonceValue(string nonce) => UInt128.Parse(nonce, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Formats a signature time: UTC to the second.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Digest(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(Sm3Hash.HashData(body));

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (text.Length is 0 or > 200 || !Convert.TryFromBase64String(text, bytes, out int written))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }

    private static Dictionary<string, string> Parameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result.TryAdd(part[..equals], part[(equals + 1)..]);
            }
        }

        return result;
    }
}
