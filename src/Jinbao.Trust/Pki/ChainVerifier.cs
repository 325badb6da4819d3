using System.Globalization;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>What the end-entity certificate must permit.</summary>
public enum CertificateUse
{
    /// <summary>Any use; key usages of the end entity are not checked.</summary>
    Any,

    /// <summary>Signing data: digitalSignature or nonRepudiation.</summary>
    Signing,

    /// <summary>Receiving encrypted keys: keyEncipherment.</summary>
    Encryption,

    /// <summary>Signing time-stamp tokens: the extended key usage timeStamping.</summary>
    TimeStamping,

    /// <summary>
    /// Signing in as a person or system: digitalSignature, and clientAuth or anyExtendedKeyUsage when the
    /// certificate restricts its extended key usage (RFC 5280, 4.2.1.12).
    /// </summary>
    ClientAuthentication,
}

/// <summary>
/// Validates certificate paths issued by the Jinbao CAs (RFC 5280 basic path validation, reduced to what the
/// three-tier hierarchy uses): signatures with the signer ID, validity, basic constraints, path length, key
/// usages and revocation by CRL. NOTE: name constraints and policy processing are not evaluated.
/// Instances are immutable and thread-safe.
/// </summary>
public sealed class ChainVerifier
{
    private const int MaxPathLength = 10;
    private readonly IReadOnlyList<X509Certificate> _anchors;
    private readonly byte[] _certificateSignerId;

    /// <summary>Creates a verifier that trusts <paramref name="trustAnchors"/> (root certificates).</summary>
    /// <remarks>Certificate and CRL signatures are checked with <paramref name="certificateSignerId"/>, by default <see cref="Sm2.DefaultId"/>.</remarks>
    public ChainVerifier(IEnumerable<X509Certificate> trustAnchors, byte[]? certificateSignerId = null)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        _anchors = [.. trustAnchors];
        _certificateSignerId = certificateSignerId ?? Sm2.DefaultId.ToArray();
    }

    /// <summary>Whether CRLs must cover every certificate below the root; when false, a missing CRL is not a problem but a listed revocation still is.</summary>
    public bool RequireRevocationInformation { get; init; } = true;

    /// <summary>Validates <paramref name="endEntity"/> at <paramref name="validationTime"/> (UTC).</summary>
    public ChainVerificationResult Verify(X509Certificate endEntity, IEnumerable<X509Certificate> intermediates, IEnumerable<X509Crl> crls, CertificateUse use, DateTime validationTime)
    {
        ArgumentNullException.ThrowIfNull(endEntity);
        var problems = new List<ChainProblem>();
        var path = BuildPath(endEntity, [.. intermediates]);
        if (path is null)
        {
            problems.Add(Problem(ChainCheck.PathNotFound, endEntity, TrustText.ChainPathNotFound, Name(endEntity.IssuerDN)));
            return new ChainVerificationResult(problems, []);
        }

        var crlList = crls.ToList();
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var certificate = path[i];
            var issuer = path[Math.Min(i + 1, path.Count - 1)];
            CheckSignature(certificate, issuer, problems);
            CheckValidity(certificate, validationTime, problems);
            if (i > 0)
            {
                // Certificates between this issuer and the end entity that are CAs themselves.
                CheckIssuer(certificate, i - 1, problems);
            }

            if (i < path.Count - 1)
            {
                CheckRevocation(certificate, issuer, crlList, validationTime, problems);
            }
        }

        CheckUse(endEntity, use, problems);
        return new ChainVerificationResult(problems, path);
    }

    /// <summary>
    /// Checks only the validity period of <paramref name="endEntity"/> at <paramref name="validationTime"/> (UTC) and
    /// whether it permits <paramref name="use"/>, for callers that have no trust anchors to build a path to.
    /// </summary>
    /// <returns>Chinese reasons for rejection, empty when both checks pass.</returns>
    public static IReadOnlyList<string> CheckEndEntity(X509Certificate endEntity, CertificateUse use, DateTime validationTime)
    {
        ArgumentNullException.ThrowIfNull(endEntity);
        var problems = new List<ChainProblem>();
        CheckValidity(endEntity, validationTime, problems);
        CheckUse(endEntity, use, problems);
        return [.. problems.Select(p => p.Message)];
    }

    private List<X509Certificate>? BuildPath(X509Certificate endEntity, List<X509Certificate> intermediates)
    {
        var path = new List<X509Certificate> { endEntity };
        var current = endEntity;
        while (path.Count <= MaxPathLength)
        {
            var anchor = _anchors.FirstOrDefault(a => a.Equals(current)) ?? _anchors.FirstOrDefault(a => IsIssuerOf(a, current));
            if (anchor is not null)
            {
                if (!anchor.Equals(current))
                {
                    path.Add(anchor);
                }

                return path;
            }

            var next = intermediates.FirstOrDefault(c => IsIssuerOf(c, current) && !path.Contains(c));
            if (next is null)
            {
                return null;
            }

            path.Add(next);
            current = next;
        }

        return null;
    }

    private static bool IsIssuerOf(X509Certificate candidate, X509Certificate certificate)
    {
        if (!candidate.SubjectDN.Equivalent(certificate.IssuerDN))
        {
            return false;
        }

        var authorityKeyId = certificate.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier);
        var subjectKeyId = candidate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
        if (authorityKeyId is null || subjectKeyId is null)
        {
            return true;
        }

        var wanted = AuthorityKeyIdentifier.GetInstance(authorityKeyId.GetOctets()).KeyIdentifier?.GetOctets();
        var actual = Asn1OctetString.GetInstance(subjectKeyId.GetOctets()).GetOctets();
        return wanted is null || wanted.AsSpan().SequenceEqual(actual);
    }

    private void CheckSignature(X509Certificate certificate, X509Certificate issuer, List<ChainProblem> problems)
    {
        bool valid;
        try
        {
            valid = Sm2Signing.VerifyCertificate(certificate, Sm2Signing.PublicKeyOf(issuer), _certificateSignerId);
        }
        catch (TrustException)
        {
            valid = false;
        }

        if (!valid)
        {
            problems.Add(Problem(ChainCheck.Signature, certificate, TrustText.ChainSignatureInvalid, Name(issuer.SubjectDN)));
        }
    }

    private static void CheckValidity(X509Certificate certificate, DateTime at, List<ChainProblem> problems)
    {
        var notBefore = certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (at < notBefore)
        {
            problems.Add(Problem(ChainCheck.Validity, certificate, TrustText.ChainNotYetValid, notBefore));
        }
        else if (at > notAfter)
        {
            problems.Add(Problem(ChainCheck.Validity, certificate, TrustText.ChainExpired, notAfter));
        }
    }

    private static void CheckIssuer(X509Certificate issuer, int certificatesBelow, List<ChainProblem> problems)
    {
        var constraint = issuer.GetBasicConstraints();
        if (constraint < 0)
        {
            problems.Add(Problem(ChainCheck.BasicConstraints, issuer, TrustText.ChainNotCa));
            return;
        }

        // The path length constraint counts the CA certificates below the issuer, not the end entity.
        if (certificatesBelow > constraint)
        {
            problems.Add(Problem(ChainCheck.PathLength, issuer, TrustText.ChainPathLengthExceeded, constraint, certificatesBelow));
        }

        if (issuer.GetKeyUsage() is { } usage && !usage[5])
        {
            problems.Add(Problem(ChainCheck.KeyUsage, issuer, TrustText.ChainNoKeyCertSign));
        }
    }

    private void CheckRevocation(X509Certificate certificate, X509Certificate issuer, List<X509Crl> crls, DateTime at, List<ChainProblem> problems)
    {
        var issuerKey = Sm2Signing.PublicKeyOf(issuer);
        var usable = crls.Where(crl => crl.IssuerDN.Equivalent(issuer.SubjectDN)
                && crl.ThisUpdate.ToUniversalTime() <= at
                && (crl.NextUpdate is null || crl.NextUpdate.Value.ToUniversalTime() >= at)
                && Sm2Signing.VerifyCrl(crl, issuerKey, _certificateSignerId))
            .ToList();
        var hasFullCrl = usable.Any(crl => crl.GetExtensionValue(X509Extensions.DeltaCrlIndicator) is null);
        if (usable.Count > 0 && issuer.GetKeyUsage() is { } usage && !usage[6])
        {
            problems.Add(Problem(ChainCheck.KeyUsage, issuer, TrustText.ChainNoCrlSign));
            return;
        }

        foreach (var crl in usable)
        {
            var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
            if (entry is not null && entry.RevocationDate.ToUniversalTime() <= at)
            {
                problems.Add(Problem(ChainCheck.Revoked, certificate, TrustText.ChainRevoked, entry.RevocationDate.ToUniversalTime(), ReasonOf(entry)));
                return;
            }
        }

        if (!hasFullCrl && RequireRevocationInformation)
        {
            problems.Add(Problem(ChainCheck.RevocationUnknown, certificate, TrustText.ChainNoCrl, Name(issuer.SubjectDN)));
        }
    }

    private static void CheckUse(X509Certificate endEntity, CertificateUse use, List<ChainProblem> problems)
    {
        var usage = endEntity.GetKeyUsage();
        var permitted = use switch
        {
            CertificateUse.Signing => usage is null || usage[0] || usage[1],
            CertificateUse.Encryption => usage is null || usage[2],
            CertificateUse.TimeStamping => endEntity.GetExtendedKeyUsage()?.Contains(KeyPurposeID.id_kp_timeStamping) == true,
            CertificateUse.ClientAuthentication => (usage is null || usage[0]) && PermitsClientAuthentication(endEntity.GetExtendedKeyUsage()),
            _ => true,
        };
        if (!permitted)
        {
            problems.Add(Problem(ChainCheck.KeyUsage, endEntity, TrustText.ChainUseNotPermitted, DisplayNames.Of(use)));
        }
    }

    // A certificate without the extended key usage extension may be used for any purpose.
    private static bool PermitsClientAuthentication(IList<DerObjectIdentifier>? purposes) =>
        purposes is null || purposes.Contains(KeyPurposeID.id_kp_clientAuth) || purposes.Contains(KeyPurposeID.AnyExtendedKeyUsage);

    private static string ReasonOf(X509CrlEntry entry)
    {
        var value = entry.GetExtensionValue(X509Extensions.ReasonCode);
        var reason = value is null ? RevocationReason.Unspecified : (RevocationReason)DerEnumerated.GetInstance(value.GetOctets()).IntValueExact;
        return DisplayNames.Of(reason);
    }

    private static ChainProblem Problem(ChainCheck check, X509Certificate certificate, string template, params object?[] args)
    {
        var subject = Name(certificate.SubjectDN);
        var detail = string.Format(CultureInfo.CurrentCulture, template, args);
        return new ChainProblem(check, subject, string.Format(CultureInfo.CurrentCulture, TrustText.ChainProblemFormat, subject, detail));
    }

    private static string Name(X509Name name) => name.ToString();
}
