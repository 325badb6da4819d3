using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Cms;

/// <summary>What a SignedData whose signature verified contains.</summary>
/// <param name="Signer">The signer's certificate (its path is still to be checked).</param>
/// <param name="Certificates">Every certificate embedded in the SignedData, for path building.</param>
/// <param name="SigningTime">The signing-time attribute as the signer's clock gave it, or null.</param>
/// <param name="ContentDigest">SM3 of the content.</param>
/// <param name="Signature">The signature value, the data a signature time-stamp covers.</param>
/// <param name="TimeStampToken">The DER TimeStampToken of the unsigned attribute signatureTimeStampToken, or null.</param>
/// <param name="IsDetached">Whether the content was outside the SignedData.</param>
public sealed record SignedFileInfo(
    X509Certificate Signer,
    IReadOnlyList<X509Certificate> Certificates,
    DateTime? SigningTime,
    byte[] ContentDigest,
    byte[] Signature,
    byte[]? TimeStampToken,
    bool IsDetached);
