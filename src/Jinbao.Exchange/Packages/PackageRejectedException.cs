namespace Jinbao.Exchange.Packages;

/// <summary>Why a receiving node rejects a package.</summary>
public enum RejectionReason
{
    /// <summary>The encrypted envelope or the archive inside it is damaged or truncated.</summary>
    Damaged,

    /// <summary>The package is encrypted to another node, or its manifest names another recipient.</summary>
    NotAddressed,

    /// <summary>An archive entry has a path that could leave the extraction folder, is no regular file, repeats a name, or exceeds the entry limit.</summary>
    EntryInvalid,

    /// <summary>The manifest signature does not verify.</summary>
    SignatureInvalid,

    /// <summary>The sender's certificate does not chain to a trusted root, is expired or revoked, or lacks revocation information.</summary>
    SenderUntrusted,

    /// <summary>The time-stamp token is missing, does not match the signature, or its authority is not trusted.</summary>
    TimeStampInvalid,

    /// <summary>The manifest cannot be read.</summary>
    ManifestInvalid,

    /// <summary>A data file's size or SM3 digest differs from the manifest, or files are missing or unlisted.</summary>
    DigestMismatch,

    /// <summary>The receiver's check counted other records or read another dataset than the manifest states.</summary>
    CountMismatch,

    /// <summary>A file could not be imported into the store.</summary>
    ImportFailed,
}

/// <summary>A package that the receiving node rejects; the message is for the sender and names the cause.</summary>
public sealed class PackageRejectedException(RejectionReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public RejectionReason Reason { get; } = reason;
}
