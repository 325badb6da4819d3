using System.Globalization;
using System.Text;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>Reads certificates and CRLs from DER or PEM files, with a Chinese message when a file is not one.</summary>
public static class CertificateFiles
{
    /// <summary>Parses one certificate (DER or PEM).</summary>
    /// <remarks><paramref name="source"/>: A name of the file for messages.</remarks>
    public static X509Certificate Read(byte[] content, string source)
    {
        try
        {
            return new X509Certificate(PemFile.ToDer(content, "CERTIFICATE"));
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or FormatException or InvalidCastException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.CertificateInvalid, source), ex);
        }
    }

    /// <summary>Parses every certificate of a PEM bundle, or the single certificate of a DER file.</summary>
    public static IReadOnlyList<X509Certificate> ReadAll(byte[] content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > 0 && content[0] == 0x30)
        {
            return [Read(content, source)];
        }

        var blocks = PemFile.ReadAll(Encoding.ASCII.GetString(content), "CERTIFICATE").ToList();
        return [.. blocks.Select(block => Read(block, source))];
    }

    /// <summary>Parses one CRL (DER or PEM).</summary>
    public static X509Crl ReadCrl(byte[] content, string source)
    {
        try
        {
            return new X509Crl(PemFile.ToDer(content, "X509 CRL"));
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or FormatException or InvalidCastException or Org.BouncyCastle.Security.Certificates.CrlException)
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.CrlInvalid, source), ex);
        }
    }

    /// <summary>PEM text of a certificate.</summary>
    public static string ToPem(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PemFile.Write("CERTIFICATE", certificate.GetEncoded());
    }

    /// <summary>PEM text of a CRL.</summary>
    public static string ToPem(X509Crl crl)
    {
        ArgumentNullException.ThrowIfNull(crl);
        return PemFile.Write("X509 CRL", crl.GetEncoded());
    }
}
