using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jinbao.Exchange.Packages;

/// <summary>
/// The signed table of contents of an upward-report package (联网上报数据包): who sends it to whom, for which
/// period, and every data file with its dataset, record count, size, SM3 digest and quality figures.
/// </summary>
public sealed record PackageManifest
{
    /// <summary>The manifest format this version writes and reads.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>A random identifier the sender gives the package (32 hex digits).</summary>
    public required string PackageId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The report period as YYYYMM (报送期).</summary>
    public required string Period { get; init; }

    public required PackageSender Sender { get; init; }

    public required PackageRecipient Recipient { get; init; }

    public required IReadOnlyList<PackageFile> Files { get; init; }

    /// <summary>Notes of the sender's bundle check, such as references it could not check.</summary>
    public IReadOnlyList<string> QualityNotes { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}

/// <summary>The sending node.</summary>
/// <param name="Division">The GB/T 2260 code of the sending region (报送地区).</param>
/// <param name="Node">The subject of the sending node's signing certificate.</param>
/// <param name="CertificateSerial">The serial number of that certificate, in hex.</param>
public sealed record PackageSender(string Division, string Node, string CertificateSerial);

/// <summary>The receiving node, named by the encryption certificate the package is encrypted to.</summary>
public sealed record PackageRecipient(string Node, string CertificateIssuer, string CertificateSerial);

/// <summary>One data file of a package, stored as <c>data/NAME</c>.</summary>
/// <param name="Name">The file name, without folder.</param>
/// <param name="Dataset">The dataset id the sender's check read it as.</param>
/// <param name="Records">The records the sender's check counted.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Sm3">The SM3 digest of the file's bytes, 64 lower-case hex digits.</param>
/// <param name="RecordsWithErrors">The records with error-severity findings in the sender's check.</param>
/// <param name="ErrorFindings">The error-severity findings of the sender's check.</param>
/// <param name="Score">The file's quality score (0–100) in the sender's check.</param>
public sealed record PackageFile(string Name, string Dataset, long Records, long Bytes, string Sm3, long RecordsWithErrors, long ErrorFindings, double? Score);
