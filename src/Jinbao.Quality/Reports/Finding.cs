using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>One quality rule failing on one record (质量问题).</summary>
/// <param name="Row">The row number a spreadsheet shows for the record; the header is row 1.</param>
/// <param name="Field">The data element's English identifier, such as <c>CitizenIdNumber</c>.</param>
/// <param name="Column">The column header as the file spells it, such as 公民身份号码.</param>
/// <param name="Rule">The rule id, such as <c>person-id.check-character</c>.</param>
/// <param name="Severity">Whether the record is rejected or only flagged.</param>
/// <param name="Dimension">The quality dimension the rule measures.</param>
/// <param name="Value">The offending value, with identity numbers masked.</param>
/// <param name="Message">The Chinese message naming the value, the rule and what to do.</param>
public sealed record Finding(
    long Row,
    string Field,
    string Column,
    string Rule,
    Severity Severity,
    QualityDimension Dimension,
    string Value,
    string Message);
