using System.Text;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Resources;
using Jinbao.Quality.Reports;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Exchange.Sharing;

/// <summary>Writes batch extracts: a UTF-8 CSV of masked records, signed (CMS SignedData) and then enveloped (CMS EnvelopedData).</summary>
internal static class BatchExtract
{
    /// <summary>
    /// Reads the partner's encryption certificate and checks that its path and revocation verify and that it is
    /// issued to the subject of the partner's registered signing certificate.
    /// </summary>
    public static (BcCertificate? Certificate, string? Problem) ReadRecipient(string? pem, BcCertificate signingCertificate, PartnerTrust trust)
    {
        BcCertificate certificate;
        try
        {
            certificate = CertificateFiles.Read(Encoding.ASCII.GetBytes(pem ?? ""), "encryptionCertificatePem");
        }
        catch (TrustException ex)
        {
            return (null, Text.Format(SharingText.ExtractCertificateInvalid, ex.Message));
        }

        if (!certificate.SubjectDN.Equivalent(signingCertificate.SubjectDN))
        {
            return (null, Text.Format(SharingText.ExtractCertificateSubject, certificate.SubjectDN, signingCertificate.SubjectDN));
        }

        return trust.Check(certificate, CertificateUse.Encryption) is { } problem ? (null, problem) : (certificate, null);
    }

    /// <summary>Applies the agreement's masks to one row whose values follow <paramref name="fields"/>.</summary>
    public static string?[] MaskRow(string?[] row, IReadOnlyList<string> fields, AgreementDataset agreed)
    {
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = FieldMasks.Apply(agreed.Masks?.GetValueOrDefault(fields[i]), row[i]);
        }

        return row;
    }

    /// <summary>
    /// Writes the CSV (cells neutralised against spreadsheet formulas), signs it with the server's key and certificate,
    /// and encrypts the signed file to <paramref name="recipient"/>. NOTE: the file is built in memory, so a very
    /// large dataset needs a streaming variant.
    /// </summary>
    public static byte[] Write(IReadOnlyList<string> fields, IReadOnlyList<string?[]> rows, PartnerServiceSettings settings, BcCertificate recipient, DateTimeOffset now)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', fields.Select(FindingsCsvWriter.Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(value => FindingsCsvWriter.Cell(value ?? ""))).Append("\r\n");
        }

        using var plain = new MemoryStream(new UTF8Encoding(false).GetBytes(csv.ToString()));
        using var signed = new MemoryStream();
        SignedFile.Sign(plain, signed, settings.ResponseSigningKey, settings.ResponseSigningCertificate!, new SignOptions { SigningTime = now.UtcDateTime });
        signed.Position = 0;
        using var enveloped = new MemoryStream();
        EnvelopedFile.Encrypt(signed, enveloped, [recipient]);
        return enveloped.ToArray();
    }
}
