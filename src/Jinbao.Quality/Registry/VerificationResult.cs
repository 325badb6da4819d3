using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Registry;

/// <summary>The outcome of verifying one extract against a registry.</summary>
public sealed record VerificationResult
{
    /// <summary>The extract's file name.</summary>
    public required string File { get; init; }

    /// <summary>The dataset id: <c>person</c>, <c>employer</c>, <c>benefit-payment</c> or <c>contribution</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>The dataset's Chinese name, such as 个人基础信息.</summary>
    public required string DatasetName { get; init; }

    /// <summary>The registry the extract was compared with: its file name or service address.</summary>
    public required string Registry { get; init; }

    /// <summary>When the verification started.</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>The number of records read, blank rows not counted.</summary>
    public required long Records { get; init; }

    /// <summary>The number of records not looked up because their key is empty.</summary>
    public required long SkippedRecords { get; init; }

    /// <summary>The findings in record order.</summary>
    public required IReadOnlyList<RegistryFinding> Findings { get; init; }

    /// <summary>The number of error-severity findings.</summary>
    public int ErrorFindings => Findings.Count(f => f.Finding.Severity == Severity.Error);

    /// <summary>The number of warning-severity findings.</summary>
    public int WarningFindings => Findings.Count(f => f.Finding.Severity == Severity.Warning);
}
