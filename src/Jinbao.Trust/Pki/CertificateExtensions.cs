using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Trust.Pki;

/// <summary>Builds the X.509 v3 extensions of CA and end-entity certificates (GM/T 0015 profiles).</summary>
internal static class CertificateExtensions
{
    /// <summary>The subject key identifier: the first 20 bytes of SM3 over the public key bits.</summary>
    public static byte[] KeyIdentifier(Sm2PublicKey key) => Sm3Hash.HashData(key.ToBytes()).AsSpan(0, 20).ToArray();

    public static X509Extensions ForCa(Sm2PublicKey subjectKey, byte[]? issuerKeyId, int pathLength, CaSettings issuerSettings, bool isRoot)
    {
        var generator = new X509ExtensionsGenerator();
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(pathLength));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign | KeyUsage.DigitalSignature));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifier(subjectKey)));
        if (!isRoot)
        {
            AddIssuerLinks(generator, issuerKeyId!, issuerSettings);
        }

        return generator.Generate();
    }

    public static X509Extensions ForEndEntity(Sm2PublicKey subjectKey, byte[] issuerKeyId, CertificateProfile profile, KeyPurpose purpose, CaSettings issuerSettings, GeneralNames? alternativeNames)
    {
        var generator = new X509ExtensionsGenerator();
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsageFor(profile, purpose)));
        var extendedUsages = ExtendedUsagesFor(profile, purpose);
        if (extendedUsages.Length > 0)
        {
            // RFC 3161 requires the timeStamping usage to be the only one and critical.
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, profile == CertificateProfile.TimeStamping, new ExtendedKeyUsage(extendedUsages));
        }

        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifier(subjectKey)));
        if (alternativeNames is not null)
        {
            generator.AddExtension(X509Extensions.SubjectAlternativeName, false, alternativeNames);
        }

        AddIssuerLinks(generator, issuerKeyId, issuerSettings);
        return generator.Generate();
    }

    private static void AddIssuerLinks(X509ExtensionsGenerator generator, byte[] issuerKeyId, CaSettings issuer)
    {
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
        generator.AddExtension(X509Extensions.CertificatePolicies, false, new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(issuer.PolicyOid))));
        if (issuer.CrlUrl is not null)
        {
            var point = new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, issuer.CrlUrl))), null, null);
            generator.AddExtension(X509Extensions.CrlDistributionPoints, false, new CrlDistPoint([point]));
        }

        if (issuer.OcspUrl is not null)
        {
            var access = new AccessDescription(AccessDescription.IdADOcsp, new GeneralName(GeneralName.UniformResourceIdentifier, issuer.OcspUrl));
            generator.AddExtension(X509Extensions.AuthorityInfoAccess, false, new AuthorityInformationAccess(access));
        }
    }

    private static int KeyUsageFor(CertificateProfile profile, KeyPurpose purpose) => (profile, purpose) switch
    {
        (CertificateProfile.TimeStamping, _) => KeyUsage.DigitalSignature | KeyUsage.NonRepudiation,
        (CertificateProfile.Device, KeyPurpose.Signing) => KeyUsage.DigitalSignature,
        (_, KeyPurpose.Signing) => KeyUsage.DigitalSignature | KeyUsage.NonRepudiation,
        _ => KeyUsage.KeyEncipherment | KeyUsage.DataEncipherment | KeyUsage.KeyAgreement,
    };

    private static KeyPurposeID[] ExtendedUsagesFor(CertificateProfile profile, KeyPurpose purpose) => (profile, purpose) switch
    {
        (CertificateProfile.TimeStamping, _) => [KeyPurposeID.id_kp_timeStamping],
        (CertificateProfile.Personal, KeyPurpose.Signing) => [KeyPurposeID.id_kp_clientAuth, KeyPurposeID.id_kp_emailProtection],
        (CertificateProfile.Personal, KeyPurpose.Encryption) => [KeyPurposeID.id_kp_emailProtection],
        (CertificateProfile.Device, KeyPurpose.Signing) => [KeyPurposeID.id_kp_serverAuth, KeyPurposeID.id_kp_clientAuth],
        (CertificateProfile.Device, KeyPurpose.Encryption) => [KeyPurposeID.id_kp_serverAuth],
        (CertificateProfile.Organization, KeyPurpose.Signing) => [KeyPurposeID.id_kp_clientAuth],
        _ => [],
    };
}
