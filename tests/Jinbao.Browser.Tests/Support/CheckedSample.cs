using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Samples;

namespace Jinbao.Browser.Tests.Support;

/// <summary>Generates a synthetic extract and checks it into a report folder, as <c>jinbao check</c> does.</summary>
internal static class CheckedSample
{
    /// <summary>Writes one sample per run and checks each into the same output folder, in order.</summary>
    /// <param name="workDirectory">The folder for the extracts and the output folder.</param>
    /// <param name="dataset">The dataset id, such as <c>person</c>.</param>
    /// <param name="records">The records of each extract.</param>
    /// <param name="runs">The extract's file name and share of faulty records, per run.</param>
    /// <returns>The report folder.</returns>
    public static string Create(string workDirectory, string dataset, int records, params (string File, double ErrorRate)[] runs)
    {
        string output = Path.Combine(workDirectory, $"out-{dataset}");
        for (int run = 0; run < runs.Length; run++)
        {
            string extract = Path.Combine(workDirectory, runs[run].File);
            SampleGenerator.Write(new SampleOptions
            {
                Dataset = dataset,
                Records = records,
                ErrorRate = runs[run].ErrorRate,
                OutputPath = extract,
                Seed = 20261204 + run,
                Today = new DateOnly(2026, 12, 4),
            });

            using var result = QualityCheck.Run(new CheckOptions { Path = extract, Dataset = dataset, Workers = 2 });
            ReportOutput.Write(output, result);
        }

        return output;
    }
}
