using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.X509;

namespace Jinbao.Exchange.Packages;

/// <summary>The keys and trust settings of a receiving node.</summary>
public sealed record NodeTrust
{
    /// <summary>The node's encryption key, which opens packages addressed to it.</summary>
    public required Sm2PrivateKey DecryptionKey { get; init; }

    /// <summary>The node's encryption certificate, which senders encrypt packages to.</summary>
    public required X509Certificate DecryptionCertificate { get; init; }

    /// <summary>The node's signing key, which signs receipts.</summary>
    public required Sm2PrivateKey SigningKey { get; init; }

    /// <summary>The node's signing certificate.</summary>
    public required X509Certificate SigningCertificate { get; init; }

    /// <summary>CA certificates embedded in receipts after the signing certificate.</summary>
    public IReadOnlyList<X509Certificate> Chain { get; init; } = [];

    /// <summary>The roots that senders' and time-stamp authorities' certificates must chain to.</summary>
    public required IReadOnlyList<X509Certificate> TrustRoots { get; init; }

    /// <summary>Further CA certificates for path building.</summary>
    public IReadOnlyList<X509Certificate> Intermediates { get; init; } = [];

    /// <summary>CRLs of every CA in the senders' paths; without one a path does not verify.</summary>
    public IReadOnlyList<X509Crl> Crls { get; init; } = [];

    /// <summary>
    /// Reads the CRLs again for each package, so a CRL the CA publishes later applies without a restart; when
    /// set, it replaces <see cref="Crls"/>.
    /// </summary>
    public Func<IReadOnlyList<X509Crl>>? CurrentCrls { get; init; }

    /// <summary>Returns the CRLs to check a package against now.</summary>
    public IReadOnlyList<X509Crl> CrlsNow() => CurrentCrls?.Invoke() ?? Crls;
}
