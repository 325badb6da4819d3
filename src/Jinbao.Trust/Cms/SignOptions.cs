namespace Jinbao.Trust.Cms;

/// <summary>How <see cref="SignedFile.Sign"/> writes the SignedData.</summary>
public sealed record SignOptions
{
    /// <summary>Whether the content is left out of the SignedData (a detached .p7s beside the file); default false.</summary>
    public bool Detached { get; init; }

    /// <summary>The SM2 signer ID; default <see cref="Algorithms.Sm2.DefaultId"/>.</summary>
    public byte[] SignerId { get; init; } = Algorithms.Sm2.DefaultId.ToArray();

    /// <summary>The signing time written as a signed attribute.</summary>
    public DateTime SigningTime { get; init; } = DateTime.UtcNow;

    /// <summary>
    /// A time-stamp source: given the signature value, it returns an RFC 3161 TimeStampToken (DER), which is
    /// added as the unsigned attribute signatureTimeStampToken. Null adds none.
    /// </summary>
    public Func<byte[], byte[]>? TimeStamp { get; init; }

    /// <summary>Further certificates to embed after the signer's, for example the issuing CAs.</summary>
    public IReadOnlyList<Org.BouncyCastle.X509.X509Certificate> ExtraCertificates { get; init; } = [];
}
