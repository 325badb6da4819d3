namespace Jinbao.Quality.Samples;

/// <summary>Settings of a synthetic sample extract made by <see cref="SampleGenerator"/>.</summary>
public sealed record SampleOptions
{
    /// <summary>The dataset id: <c>person</c> (个人基础信息), <c>employer</c> (单位基础信息), <c>enrolment</c> (参保登记), <c>contribution</c> (缴费记录) or <c>benefit-payment</c> (待遇发放). Default <c>person</c>.</summary>
    public string Dataset { get; init; } = "person";

    /// <summary>The number of records to write, not counting the header. At least 1.</summary>
    public required long Records { get; init; }

    /// <summary>The share of records, from 0 to 1, that carry exactly one planted fault. Default 0.02.</summary>
    public double ErrorRate { get; init; } = 0.02;

    /// <summary>The text encoding: <c>utf-8</c> (the default), <c>utf-8-bom</c> or <c>gb18030</c>.</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>The CSV file to write. The answer key is written beside it as <c>&lt;OutputPath&gt;.answers.csv</c>.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The seed of the pseudo-random generator. Equal options with an explicit <see cref="Today"/> give byte-identical files.</summary>
    public int Seed { get; init; } = 20261204;

    /// <summary>
    /// The day the sample is made for. Future-date faults fall after it, and no clean date does.
    /// <see langword="default"/> means the local date of <see cref="TimeProvider.System"/> when the
    /// sample is written. Other values must lie between 2009-01-01 and 2060-12-31, so that every clean
    /// birth date (1950–2008) is in the past and every clean age is within the 0–120 years the shipped
    /// rules accept.
    /// </summary>
    public DateOnly Today { get; init; }
}
