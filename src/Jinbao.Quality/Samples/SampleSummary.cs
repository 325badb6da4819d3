namespace Jinbao.Quality.Samples;

/// <summary>The outcome of writing a sample extract.</summary>
/// <param name="Records">The number of records written, not counting the header.</param>
/// <param name="FaultyRecords">The number of records that carry a planted fault. Each is one row of the answer key.</param>
/// <param name="AnswerKeyPath">The answer key: a UTF-8 CSV file with the columns <c>row,field,rule</c>.</param>
public sealed record SampleSummary(long Records, long FaultyRecords, string AnswerKeyPath);
