using Jinbao.Quality.Checking;

namespace Jinbao.Storage.Import;

/// <summary>What to load into the store, and how.</summary>
public sealed record ImportRequest
{
    /// <summary>The extract (CSV or XLSX) to load.</summary>
    public required string Path { get; init; }

    /// <summary>The dataset id (<c>person</c>, <c>employer</c>, <c>enrolment</c>, <c>contribution</c>, <c>benefit-payment</c>), or <see langword="null"/> to take it from the header.</summary>
    public string? Dataset { get; init; }

    /// <summary>The encoding name of a text file, or <see langword="null"/> to detect it.</summary>
    public string? Encoding { get; init; }

    /// <summary>The worksheet of an XLSX file, or <see langword="null"/> for the first.</summary>
    public string? Sheet { get; init; }

    /// <summary>A province's rule file for the quality check, or <see langword="null"/> for the shipped rules.</summary>
    public string? RulesFile { get; init; }

    /// <summary>
    /// The GB/T 2260 code of the region that reported the batch. Business rows take it as their
    /// region; without it an enrolment or contribution takes the region of its employer's credit
    /// code. Benefit payments require it.
    /// </summary>
    public string? Division { get; init; }

    /// <summary>Whether to load only the rows without error findings instead of rejecting the batch.</summary>
    public bool ExcludeErrors { get; init; }

    /// <summary>
    /// The quality check of this file when the caller ran it already (to write its reports); the
    /// import then does not check again. The caller keeps ownership and disposes it.
    /// </summary>
    public CheckResult? Check { get; init; }

    /// <summary>Where the check's reports were written, recorded with the batch; <see langword="null"/> when none were.</summary>
    public string? ReportPath { get; init; }
}
