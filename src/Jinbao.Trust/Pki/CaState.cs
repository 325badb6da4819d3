using System.Text.Json.Serialization;

namespace Jinbao.Trust.Pki;

/// <summary>The persisted state of a CA folder (state.json): settings, CRL numbers and every certificate it issued.</summary>
internal sealed class CaState
{
    public int FormatVersion { get; set; } = 1;

    public required CaSettings Settings { get; set; }

    /// <summary>The number of the last CRL issued, full or delta; 0 before the first.</summary>
    public long CrlNumber { get; set; }

    /// <summary>The number of the last full CRL, the base that delta CRLs refer to; 0 before the first.</summary>
    public long LastFullCrlNumber { get; set; }

    public List<IssuedEntry> Issued { get; set; } = [];
}

/// <summary>One certificate a CA issued and its revocation, if any.</summary>
internal sealed class IssuedEntry
{
    /// <summary>The serial number in upper-case hexadecimal.</summary>
    public required string Serial { get; set; }

    public required string Subject { get; set; }

    public bool IsCa { get; set; }

    public CertificateProfile? Profile { get; set; }

    public KeyPurpose? Purpose { get; set; }

    public DateTime NotAfter { get; set; }

    public DateTime? RevokedAt { get; set; }

    public RevocationReason? Reason { get; set; }

    /// <summary>The CRL number current when the certificate was revoked, so that delta CRLs list it when it is not older than their base.</summary>
    public long? RevokedAfterCrl { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaState))]
internal sealed partial class CaStateJson : JsonSerializerContext;
