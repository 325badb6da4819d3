using System.Text.Json;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class RunHistoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("jinbao-history-").FullName;

    private string HistoryPath => Path.Combine(folder, RunHistory.FileName);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_MissingFile_IsEmpty()
    {
        var history = RunHistory.Load(folder, SampleReport.CheckedAt);

        Assert.Empty(history.Runs);
        Assert.Null(history.SetAsideFile);
    }

    [Fact]
    public void Write_ThenLoad_RoundTrips()
    {
        var entry = RunHistoryEntry.From(SampleReport.Create());
        Save(RunHistory.Empty.Append(entry));

        var loaded = Assert.Single(RunHistory.Load(folder, SampleReport.CheckedAt).Runs);

        Assert.Equal(entry.CheckedAt, loaded.CheckedAt);
        Assert.Equal(entry.CheckedAt.Offset, loaded.CheckedAt.Offset);
        Assert.Equal("人员<2025>.csv", loaded.File);
        Assert.Equal("person", loaded.Dataset);
        Assert.Equal(1_000, loaded.Records);
        Assert.Equal(87.46, loaded.Score);
        Assert.Equal(2, loaded.ErrorFindings);
        Assert.Equal(3, loaded.Findings);
        Assert.Equal(62.5, loaded.Dimensions["Accuracy"]);
        Assert.Equal(3, loaded.Dimensions.Count);
    }

    [Fact]
    public void Write_KeepsChineseReadable()
    {
        Save(RunHistory.Empty.Append(RunHistoryEntry.From(SampleReport.Create())));

        string text = File.ReadAllText(HistoryPath);
        Assert.Contains("人员\\u003C2025\\u003E.csv", text);
        Assert.Contains("\"version\": 1", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"version\": 2, \"runs\": []}")]
    [InlineData("{\"version\": 1}")]
    [InlineData("{\"version\": 1, \"runs\": [null]}")]
    [InlineData("{\"version\": 1, \"runs\": [{\"checkedAt\": \"2025-03-01T10:15:00+08:00\", \"file\": \"a.csv\", \"dataset\": \"person\", \"records\": 10, \"score\": 150, \"errorFindings\": 0, \"findings\": 0, \"dimensions\": {}}]}")]
    [InlineData("{\"version\": 1, \"runs\": [{\"checkedAt\": \"2025-03-01T10:15:00+08:00\", \"file\": \"a.csv\", \"dataset\": \"person\", \"records\": -1, \"score\": 90, \"errorFindings\": 0, \"findings\": 0, \"dimensions\": {}}]}")]
    [InlineData("{\"version\": 1, \"runs\": [{\"checkedAt\": \"2025-03-01T10:15:00+08:00\", \"dataset\": \"person\", \"records\": 1, \"score\": 90, \"errorFindings\": 0, \"findings\": 0, \"dimensions\": {}}]}")]
    public void Load_Invalid_SetsAside(string content)
    {
        File.WriteAllText(HistoryPath, content);

        var history = RunHistory.Load(folder, SampleReport.CheckedAt);

        Assert.Empty(history.Runs);
        Assert.Equal("history.corrupt-20250301T021500Z.json", history.SetAsideFile);
        Assert.Equal(content, File.ReadAllText(Path.Combine(folder, history.SetAsideFile!)));
        Assert.Equal(content, File.ReadAllText(HistoryPath));
    }

    [Fact]
    public void Load_SetAsideNameTaken_PicksNext()
    {
        File.WriteAllText(HistoryPath, "{");
        File.WriteAllText(Path.Combine(folder, "history.corrupt-20250301T021500Z.json"), "earlier copy");

        var history = RunHistory.Load(folder, SampleReport.CheckedAt);

        Assert.Equal("history.corrupt-20250301T021500Z-2.json", history.SetAsideFile);
        Assert.Equal("earlier copy", File.ReadAllText(Path.Combine(folder, "history.corrupt-20250301T021500Z.json")));
    }

    [Fact]
    public void Load_ExtraMembers_AreIgnored()
    {
        File.WriteAllText(HistoryPath, "{\"version\": 1, \"note\": \"x\", \"runs\": [{\"checkedAt\": \"2025-03-01T10:15:00+08:00\", \"file\": \"a.csv\", \"dataset\": \"person\", \"records\": 10, \"score\": 90, \"errorFindings\": 1, \"findings\": 2, \"dimensions\": {\"Accuracy\": 90}, \"operator\": \"张三\"}]}");

        var history = RunHistory.Load(folder, SampleReport.CheckedAt);

        Assert.Null(history.SetAsideFile);
        Assert.Equal(90, Assert.Single(history.Runs).Score);
    }

    [Fact]
    public void Append_BeyondMax_DropsOldest()
    {
        var history = RunHistory.Empty;
        var report = SampleReport.Create();
        for (int i = 0; i < RunHistory.MaxRuns + 5; i++)
        {
            history = history.Append(RunHistoryEntry.From(report with { Records = i }));
        }

        Assert.Equal(RunHistory.MaxRuns, history.Runs.Count);
        Assert.Equal(5, history.Runs[0].Records);
        Assert.Equal(RunHistory.MaxRuns + 4, history.Runs[^1].Records);
    }

    [Fact]
    public void TrendOf_KeepsLatestOfDataset()
    {
        var history = RunHistory.Empty;
        var report = SampleReport.Create();
        for (int i = 0; i < RunHistory.MaxTrendPoints + 10; i++)
        {
            history = history.Append(RunHistoryEntry.From(report with { Records = i }));
            history = history.Append(RunHistoryEntry.From(report with { Dataset = "employer", Records = i }));
        }

        var trend = history.TrendOf("person");

        Assert.Equal(RunHistory.MaxTrendPoints, trend.Count);
        Assert.All(trend, run => Assert.Equal("person", run.Dataset));
        Assert.Equal(10, trend[0].Records);
        Assert.Equal(RunHistory.MaxTrendPoints + 9, trend[^1].Records);
    }

    [Fact]
    public void From_LeavesOutUnassessedDimensions()
    {
        var entry = RunHistoryEntry.From(SampleReport.Create());

        Assert.Equal(["Accuracy", "Completeness", "Conformity"], entry.Dimensions.Keys);
    }

    [Fact]
    public void Write_IsValidJson()
    {
        Save(RunHistory.Empty.Append(RunHistoryEntry.From(SampleReport.Create())));

        using var document = JsonDocument.Parse(File.ReadAllBytes(HistoryPath));
        Assert.Equal(1, document.RootElement.GetProperty("runs").GetArrayLength());
    }

    private void Save(RunHistory history)
    {
        using var stream = File.Create(HistoryPath);
        history.Write(stream);
    }
}
