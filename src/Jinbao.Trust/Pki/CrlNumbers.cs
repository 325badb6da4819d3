using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>Reads the CRL number and delta CRL indicator extensions of a CRL.</summary>
public static class CrlNumbers
{
    /// <summary>The CRL number, or null when the CRL has none.</summary>
    public static long? NumberOf(X509Crl crl) => Read(crl, X509Extensions.CrlNumber);

    /// <summary>The base CRL number of a delta CRL, or null for a full CRL.</summary>
    public static long? DeltaBaseOf(X509Crl crl) => Read(crl, X509Extensions.DeltaCrlIndicator);

    private static long? Read(X509Crl crl, DerObjectIdentifier extension)
    {
        ArgumentNullException.ThrowIfNull(crl);
        var value = crl.GetExtensionValue(extension);
        return value is null ? null : DerInteger.GetInstance(value.GetOctets()).LongValueExact;
    }
}
