using System.Text.Json;
using Jinbao.Exchange.Resources;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.X509;

namespace Jinbao.Exchange.Packages;

/// <summary>
/// The receiving node's response to a package (回执): the package's SM3 digest, whether it was accepted, why not,
/// and what each file gave. It travels as GM/T 0010 SignedData with the JSON attached, signed by the receiver.
/// </summary>
public sealed record PackageReceipt
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public int Format { get; init; } = 1;

    /// <summary>SM3 of the package file as received, 64 lower-case hex digits.</summary>
    public required string PackageDigest { get; init; }

    /// <summary>The package id of the manifest; null when the manifest could not be read.</summary>
    public string? PackageId { get; init; }

    /// <summary>The subject of the sender's signing certificate; null when the signature did not verify.</summary>
    public string? Sender { get; init; }

    public string? SenderDivision { get; init; }

    public string? Period { get; init; }

    /// <summary>The subject of the receiving node's signing certificate.</summary>
    public required string Receiver { get; init; }

    /// <summary><see cref="Accepted"/> or <see cref="Rejected"/>.</summary>
    public required string Result { get; init; }

    /// <summary>The rejection reason as a <see cref="RejectionReason"/> name; null when accepted.</summary>
    public string? Reason { get; init; }

    /// <summary>The messages for the sender, in the receiver's language.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    public IReadOnlyList<ReceiptFile> Files { get; init; } = [];

    /// <summary>The time of the sender's time-stamp on the manifest signature.</summary>
    public DateTimeOffset? SenderTimeStamp { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsAccepted => Result == Accepted;

    /// <summary>Signs the receipt with the node's signing key and returns the SignedData (DER/BER bytes).</summary>
    public byte[] Sign(Sm2PrivateKey key, X509Certificate certificate, IReadOnlyList<X509Certificate> chain)
    {
        using var output = new MemoryStream();
        SignedFile.Sign(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(this, PackageManifest.Json)), output, key, certificate, new SignOptions { ExtraCertificates = chain, SigningTime = ReceivedAt.UtcDateTime });
        return output.ToArray();
    }

    /// <summary>Verifies a signed receipt and the signer's path to <paramref name="roots"/>, and returns the receipt.</summary>
    /// <exception cref="TrustException">The signature or the path does not verify, or the content is no receipt; the message is Chinese.</exception>
    public static (PackageReceipt Receipt, X509Certificate Signer) Verify(byte[] signedReceipt, IReadOnlyList<X509Certificate> roots, IReadOnlyList<X509Certificate> intermediates, IReadOnlyList<X509Crl> crls, DateTime now, bool requireRevocationInformation = true)
    {
        var (receipt, info) = ReadCore(signedReceipt);
        var verifier = new ChainVerifier(roots) { RequireRevocationInformation = requireRevocationInformation };
        var path = verifier.Verify(info.Signer, [.. info.Certificates, .. intermediates], crls, CertificateUse.Signing, now);
        if (!path.IsValid)
        {
            throw new TrustException(Text.Format(PackageText.ReceiptSignerUntrusted, info.Signer.SubjectDN, path.Describe()));
        }

        return (receipt, info.Signer);
    }

    /// <summary>Reads a signed receipt whose signer is known, such as one from the node's own ledger: the signature is verified, the certificate path is not.</summary>
    /// <exception cref="TrustException">The signature does not verify or the content is no receipt.</exception>
    public static PackageReceipt Read(byte[] signedReceipt) => ReadCore(signedReceipt).Receipt;

    private static (PackageReceipt Receipt, SignedFileInfo Info) ReadCore(byte[] signedReceipt)
    {
        using var content = new MemoryStream();
        var info = SignedFile.Verify(new MemoryStream(signedReceipt), null, content, Sm2.DefaultId);
        try
        {
            var receipt = JsonSerializer.Deserialize<PackageReceipt>(content.ToArray(), PackageManifest.Json) ?? throw new JsonException("null");
            return (receipt, info);
        }
        catch (JsonException ex)
        {
            throw new TrustException(Text.Format(PackageText.ReceiptInvalid, ex.Message), ex);
        }
    }
}

/// <summary>What one data file of an accepted package gave at the receiver.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Dataset">The dataset id.</param>
/// <param name="Records">The records the receiver's check counted.</param>
/// <param name="RecordsWithErrors">The records with error-severity findings, which were not loaded.</param>
/// <param name="Loaded">The rows merged into the store; 0 when the store contained the file from an earlier batch.</param>
/// <param name="Score">The quality score of the receiver's check.</param>
/// <param name="BatchId">The store batch that contains the rows.</param>
/// <param name="AlreadyLoaded">Whether the store held the same file from an earlier batch, so nothing was loaded.</param>
public sealed record ReceiptFile(string Name, string Dataset, long Records, long RecordsWithErrors, long Loaded, double? Score, string? BatchId, bool AlreadyLoaded);
