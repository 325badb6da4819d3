namespace Jinbao.Quality.Samples;

/// <summary>Settings of a synthetic bundle made by <see cref="BundleSampleGenerator"/>.</summary>
public sealed record BundleSampleOptions
{
    /// <summary>The folder to write the five extracts into, and the registry extracts into its <c>registries</c> subfolder; created when missing. The answer key goes beside it as <c>&lt;Directory&gt;.answers.csv</c>.</summary>
    public required string Directory { get; init; }

    /// <summary>The number of contribution records; the other files are sized from it. At least 20.</summary>
    public long Records { get; init; } = 10_000;

    /// <summary>The share of business records, from 0 to 1, that carry a planted record-rule fault. Default 0.02.</summary>
    public double ErrorRate { get; init; } = 0.02;

    /// <summary>The seed of the pseudo-random generator; equal options with an explicit <see cref="Today"/> give identical files.</summary>
    public int Seed { get; init; } = 20261204;

    /// <summary>The day the sample is made for; <see langword="default"/> means today. See <see cref="SampleOptions.Today"/>.</summary>
    public DateOnly Today { get; init; }
}

/// <summary>The outcome of writing a bundle sample.</summary>
/// <param name="Files">The extracts written, in the folder.</param>
/// <param name="PopulationRegistryPath">The population-registry extract (人口库).</param>
/// <param name="LegalEntityRegistryPath">The legal-entity-registry extract (法人库).</param>
/// <param name="AnswerKeyPath">The answer key: UTF-8 CSV with the columns <c>file,row,field,rule</c>.</param>
/// <param name="Faults">The number of rows of the answer key.</param>
public sealed record BundleSampleSummary(IReadOnlyList<string> Files, string PopulationRegistryPath, string LegalEntityRegistryPath, string AnswerKeyPath, long Faults);
