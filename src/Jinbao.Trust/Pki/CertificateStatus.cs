using System.Collections.Frozen;
using Org.BouncyCastle.Math;

namespace Jinbao.Trust.Pki;

/// <summary>The revocation of one certificate.</summary>
public sealed record Revocation(DateTime RevokedAt, RevocationReason Reason);

/// <summary>
/// An immutable view of which serial numbers a CA issued and which it revoked, swapped whole after each
/// change so that readers (the OCSP responder) never see a half-applied update.
/// </summary>
public sealed class CertificateStatusSnapshot
{
    private readonly FrozenDictionary<BigInteger, Revocation?> _bySerial;

    internal CertificateStatusSnapshot(IEnumerable<KeyValuePair<BigInteger, Revocation?>> entries) => _bySerial = entries.ToFrozenDictionary();

    /// <summary>Whether the CA issued the certificate with <paramref name="serial"/>.</summary>
    public bool IsIssued(BigInteger serial) => _bySerial.ContainsKey(serial);

    /// <summary>The revocation of <paramref name="serial"/>, or null when it was not revoked or not issued.</summary>
    public Revocation? RevocationOf(BigInteger serial) => _bySerial.GetValueOrDefault(serial);
}
