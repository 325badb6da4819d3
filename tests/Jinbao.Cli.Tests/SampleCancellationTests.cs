using Jinbao.Cli.Tests.Support;
using Jinbao.Quality.Samples;

namespace Jinbao.Cli.Tests;

/// <summary>
/// In-process checks of what <c>jinbao sample</c> promises on Ctrl+C: earlier files with the same
/// names stay as they were and no temporary file is left.
/// </summary>
public sealed class SampleCancellationTests
{
    [Fact]
    public void Write_CancelledMidway_KeepsEarlierFiles()
    {
        using var folder = new TempFolder();
        string output = folder.File("s.csv");
        File.WriteAllText(output, "earlier");
        File.WriteAllText(output + ".answers.csv", "earlier key");
        using var cancellation = new CancellationTokenSource();

        // The first progress report comes after 65,536 records, well before the end.
        var options = new SampleOptions { Records = 200_000, OutputPath = output, Today = new DateOnly(2026, 1, 15) };
        var progress = new CallbackProgress(_ => cancellation.Cancel());

        Assert.ThrowsAny<OperationCanceledException>(() => SampleGenerator.Write(options, progress, cancellation.Token));

        Assert.Equal("earlier", File.ReadAllText(output));
        Assert.Equal("earlier key", File.ReadAllText(output + ".answers.csv"));
        Assert.Equal(2, Directory.GetFileSystemEntries(folder.Path).Length);
    }

    [Fact]
    public void Write_CancelledBeforeStart_CreatesNoFile()
    {
        using var folder = new TempFolder();
        var options = new SampleOptions { Records = 10, OutputPath = folder.File("s.csv"), Today = new DateOnly(2026, 1, 15) };

        Assert.ThrowsAny<OperationCanceledException>(() => SampleGenerator.Write(options, progress: null, new CancellationToken(canceled: true)));

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    // Progress<T> would post to the thread pool; the test needs the callback before the next record.
    private sealed class CallbackProgress(Action<long> callback) : IProgress<long>
    {
        public void Report(long value) => callback(value);
    }
}
