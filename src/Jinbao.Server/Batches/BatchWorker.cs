using System.Text.Json;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Batches;

/// <summary>
/// Checks queued batches one at a time in the background, writing each batch's reports and
/// findings into its folder. At start it re-queues batches a stopped server left unfinished.
/// </summary>
internal sealed partial class BatchWorker(BatchQueue queue, BatchStore store, ILogger<BatchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (string id in store.Unfinished())
        {
            LogRequeued(logger, id);
            queue.Enqueue(id);
        }

        await foreach (string id in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // The check is CPU-bound and synchronous, so it runs on a pool thread rather than blocking the host's start.
            await Task.Run(() => Check(id, stoppingToken), stoppingToken).ConfigureAwait(false);
        }
    }

    private void Check(string id, CancellationToken cancellationToken)
    {
        var batch = store.Find(id);
        string? extract = batch is null ? null : Directory.EnumerateFiles(store.UploadFolder(id)).FirstOrDefault();
        if (batch is null || extract is null)
        {
            return;
        }

        store.MarkRunning(id);
        LogStarted(logger, id, batch.FileName);
        try
        {
            var progress = new Progress<CheckProgress>(p => queue.Report(id, p));
            using var result = QualityCheck.Run(new CheckOptions { Path = extract, Dataset = batch.Dataset, Logger = logger }, progress, cancellationToken);
            ReportOutput.Write(store.ReportFolder(id), result, cancellationToken);
            WriteFindings(store.FindingsFile(id), result, cancellationToken);
            store.MarkCompleted(id, result.Report);
            LogCompleted(logger, id, result.Report.Records, result.Report.FindingCount);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping; the batch stays "running" and is checked again at the next start.
            LogInterrupted(logger, id);
        }
        catch (Exception ex) when (ex is ExtractReadException or RuleFileException or IOException)
        {
            store.MarkFailed(id, ex.Message);
            LogRejected(logger, id, ex.Message);
        }
        catch (Exception ex)
        {
            store.MarkFailed(id, ServerText.Batch_CheckFailed);
            LogFailed(logger, id, ex);
        }
        finally
        {
            queue.Forget(id);
        }
    }

    private static void WriteFindings(string path, CheckResult result, CancellationToken cancellationToken)
    {
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = FindingJson.Options.Encoder });
            foreach (var finding in result.Findings.ReadAll(cancellationToken))
            {
                JsonSerializer.Serialize(writer, finding, FindingJson.Options);
                writer.Flush();
                stream.WriteByte((byte)'\n');
                writer.Reset();
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Batch {BatchId} check started ({FileName})")]
    private static partial void LogStarted(ILogger logger, string batchId, string fileName);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Batch {BatchId} check completed: {Records} records, {Findings} findings")]
    private static partial void LogCompleted(ILogger logger, string batchId, long records, long findings);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Batch {BatchId} was rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string batchId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Batch {BatchId} check failed")]
    private static partial void LogFailed(ILogger logger, string batchId, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Batch {BatchId} left unfinished by the last run is queued again")]
    private static partial void LogRequeued(ILogger logger, string batchId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Batch {BatchId} check interrupted by shutdown")]
    private static partial void LogInterrupted(ILogger logger, string batchId);
}
