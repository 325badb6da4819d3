namespace Jinbao.Quality.Bundles;

/// <summary>The outcome of checking one file of a bundle.</summary>
public sealed record BundleFileResult
{
    /// <summary>The file as the user knows it: the path given, or the folder or archive path joined with the name inside it.</summary>
    public required string File { get; init; }

    /// <summary>The report folder's name under the output folder; <see langword="null"/> when the file could not be read.</summary>
    public string? ReportFolder { get; init; }

    /// <summary>The dataset id, or <see langword="null"/> when the file could not be read.</summary>
    public string? Dataset { get; init; }

    /// <summary>The number of records checked.</summary>
    public long Records { get; init; }

    /// <summary>The number of records with at least one error-severity finding.</summary>
    public long RecordsWithErrors { get; init; }

    /// <summary>The number of error-severity findings.</summary>
    public long ErrorFindings { get; init; }

    /// <summary>The quality score, 0–100, or <see langword="null"/> when the file could not be read.</summary>
    public double? Score { get; init; }

    /// <summary>The status: ok, findings (error-severity findings) or error (unreadable).</summary>
    public required BundleFileStatus Status { get; init; }

    /// <summary>The Chinese reason why the file could not be read; <see langword="null"/> otherwise.</summary>
    public string? Message { get; init; }

    /// <summary>The findings of the record rules.</summary>
    public long FindingCount { get; init; }

    /// <summary>The findings of the cross-file check on this file's records.</summary>
    public long ReferenceFindings { get; init; }

    /// <summary>The findings of registry verification on this file's records.</summary>
    public long RegistryFindings { get; init; }

    /// <summary>Error-severity findings of the cross-file check and registry verification.</summary>
    public long BundleErrorFindings { get; init; }
}

/// <summary>The status of one file of a bundle.</summary>
public enum BundleFileStatus
{
    /// <summary>Checked, with no error-severity finding.</summary>
    Ok,

    /// <summary>Checked, with error-severity findings.</summary>
    Findings,

    /// <summary>Not checked, because the file could not be read as an extract.</summary>
    Error,
}
