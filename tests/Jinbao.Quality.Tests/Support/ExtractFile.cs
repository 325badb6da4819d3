using System.Text;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Quality.Tests.Support;

/// <summary>Writes a small extract to a temporary file and checks it.</summary>
internal static class ExtractFile
{
    /// <summary>The date the tests run "on": 2026-12-04, local time.</summary>
    public static readonly DateTimeOffset Today = new(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(8));

    public static (CheckResult Result, List<Finding> Findings) Check(string content, string? dataset = null, Encoding? encoding = null, string? rulesFile = null)
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-test-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        try
        {
            var time = new FakeTimeProvider(Today);
            time.SetLocalTimeZone(TimeZoneInfo.Utc);
            var result = QualityCheck.Run(new CheckOptions { Path = path, Dataset = dataset, Time = time, RulesFile = rulesFile, Workers = 2 });
            return (result, result.Findings.ReadAll().ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
