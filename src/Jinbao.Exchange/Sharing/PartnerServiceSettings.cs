using System.Security.Cryptography.X509Certificates;
using Jinbao.Trust.Algorithms;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Exchange.Sharing;

/// <summary>
/// How the server offers the partner services: the TLS transport (ECDSA or RSA certificates, because TLS here has
/// no SM2 cipher suites, with client certificates required) and the SM2 trust that identifies partners and signs
/// responses.
/// </summary>
public sealed record PartnerServiceSettings
{
    /// <summary>The server's TLS certificate with its private key.</summary>
    public required X509Certificate2 TransportCertificate { get; init; }

    /// <summary>The roots that partner TLS client certificates must chain to.</summary>
    public required X509Certificate2Collection TransportClientRoots { get; init; }

    /// <summary>The SM2 roots that partner organisation certificates must chain to.</summary>
    public required IReadOnlyList<BcCertificate> OrganisationRoots { get; init; }

    /// <summary>SM2 intermediate CA certificates (provincial and city CAs).</summary>
    public IReadOnlyList<BcCertificate> OrganisationIntermediates { get; init; } = [];

    /// <summary>A folder of <c>.crl</c> files of the CAs above; null checks no revocation (and then a revoked certificate is accepted).</summary>
    public string? CrlFolder { get; init; }

    /// <summary>How often the CRL folder is looked at for new files; one minute by default.</summary>
    public TimeSpan CrlRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The server's SM2 key that signs every partner response.</summary>
    public required Sm2PrivateKey ResponseSigningKey { get; init; }

    /// <summary>The SM2 certificate of <see cref="ResponseSigningKey"/>, embedded in batch extracts; null turns the batch extract off.</summary>
    public BcCertificate? ResponseSigningCertificate { get; init; }

    /// <summary>The roots that the TLS certificates of callback addresses must chain to; null uses the system's trusted roots.</summary>
    public X509Certificate2Collection? CallbackTlsRoots { get; init; }

    /// <summary>How often events are pushed to callback addresses; 30 seconds by default.</summary>
    public TimeSpan CallbackInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest difference allowed between a request's signed time and the server's clock; 60 seconds by default.</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromSeconds(60);
}
