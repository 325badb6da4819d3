using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Rules;

/// <summary>Display names of dimensions and severities, in the current UI culture (Chinese by default).</summary>
public static class QualityText
{
    /// <summary>Returns the dimension's name, such as 规范性.</summary>
    public static string DimensionName(QualityDimension dimension) => dimension switch
    {
        QualityDimension.Conformity => Messages.Dimension_Conformity,
        QualityDimension.Completeness => Messages.Dimension_Completeness,
        QualityDimension.Accuracy => Messages.Dimension_Accuracy,
        QualityDimension.Consistency => Messages.Dimension_Consistency,
        QualityDimension.Timeliness => Messages.Dimension_Timeliness,
        QualityDimension.Accessibility => Messages.Dimension_Accessibility,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown quality dimension."),
    };

    /// <summary>Returns the severity's name, 错误 or 警告.</summary>
    public static string SeverityName(Severity severity) =>
        severity == Severity.Error ? Messages.Severity_Error : Messages.Severity_Warning;
}
