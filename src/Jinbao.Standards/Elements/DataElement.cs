namespace Jinbao.Standards.Elements;

/// <summary>A defined unit of data (数据元), GB/T 18391.</summary>
/// <param name="Id">The English identifier used in code and as an alternative column header, such as <c>CitizenIdNumber</c>.</param>
/// <param name="Name">The Chinese name used as the column header, such as 公民身份号码.</param>
/// <param name="Aliases">Other headers business systems use for the element, such as 身份证号码.</param>
/// <param name="Kind">How values are validated.</param>
/// <param name="CodeSet">The code set id for <see cref="ElementKind.Code"/> elements.</param>
/// <param name="MaxLength">The maximum length in characters (a character outside the BMP counts once).</param>
/// <param name="Standard">The standard that defines the element.</param>
public sealed record DataElement(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    ElementKind Kind,
    string? CodeSet,
    int MaxLength,
    string Standard);
