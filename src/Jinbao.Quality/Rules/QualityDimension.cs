namespace Jinbao.Quality.Rules;

/// <summary>A data-quality dimension (质量维度) of GB/T 36344-2018.</summary>
public enum QualityDimension : byte
{
    /// <summary>规范性: values follow the standard's formats, code sets and identifier rules.</summary>
    Conformity = 0,

    /// <summary>完整性: required values are present.</summary>
    Completeness = 1,

    /// <summary>准确性: values are plausible and agree with the facts they encode.</summary>
    Accuracy = 2,

    /// <summary>一致性: values agree with each other within a record and across records.</summary>
    Consistency = 3,

    /// <summary>时效性: values are current, such as a division code still in use.</summary>
    Timeliness = 4,

    /// <summary>可访问性: data can be read and used; judged on whole files, not on records.</summary>
    Accessibility = 5,
}
