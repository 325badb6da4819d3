using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jinbao.Quality.Checking;

/// <summary>What to check and how.</summary>
public sealed record CheckOptions
{
    /// <summary>The extract file: CSV (UTF-8 or GB18030) or XLSX.</summary>
    public required string Path { get; init; }

    /// <summary>The dataset id, or <see langword="null"/> to pick it from the header.</summary>
    public string? Dataset { get; init; }

    /// <summary>The text encoding, or <see langword="null"/> to detect it.</summary>
    public string? Encoding { get; init; }

    /// <summary>The worksheet of an XLSX file, or <see langword="null"/> for the first.</summary>
    public string? Sheet { get; init; }

    /// <summary>A province's rule file overlaying the shipped rules, or <see langword="null"/>.</summary>
    public string? RulesFile { get; init; }

    /// <summary>
    /// Several rule files, one per dataset, for a run over files of several datasets: each file is
    /// checked with the rule file whose <c>dataset</c> is its dataset, or one that names none. Used
    /// when <see cref="RulesFile"/> is null.
    /// </summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];

    /// <summary>Returns the rule file for a dataset: <see cref="RulesFile"/>, else the matching one of <see cref="RuleFiles"/>, else null.</summary>
    public string? RulesFileFor(string dataset) => RulesFile ?? RuleFileDatasets.Choose(RuleFiles, dataset);

    /// <summary>The clock that decides "today" for future-date and age rules.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The number of checking threads besides the reader; 0 means one fewer than the processors, at least one.</summary>
    public int Workers { get; init; }

    /// <summary>Where the check logs its start, end and failures.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// Creates an observer of the checked blocks once the header is bound (dataset, bound columns,
    /// number of header cells), or returns <see langword="null"/> for none. The cross-file check
    /// collects its keys this way.
    /// </summary>
    internal Func<Standards.Elements.Dataset, IReadOnlyList<ColumnBinding>, int, IBlockObserver?>? Observer { get; init; }
}
