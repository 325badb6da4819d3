namespace Jinbao.Standards.Divisions;

/// <summary>One period during which a GB/T 2260 division code (行政区划代码) named one area.</summary>
/// <param name="Code">The six-digit code.</param>
/// <param name="Name">The area's name in that period, such as 崇文区.</param>
/// <param name="Province">The province-level unit (一级行政区).</param>
/// <param name="FirstYear">The first year the code was in use.</param>
/// <param name="EndYear">The first year the code was no longer in use, or <see langword="null"/> while it is still in use.</param>
/// <param name="Successors">The codes that replaced it, empty while it is in use.</param>
public sealed record DivisionPeriod(int Code, string Name, string Province, int FirstYear, int? EndYear, IReadOnlyList<int> Successors)
{
    /// <summary>Whether the code was in use for at least part of <paramref name="year"/>.</summary>
    public bool IsInUseIn(int year) => year >= FirstYear && (EndYear is null || year < EndYear);
}
