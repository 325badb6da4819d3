using System.Collections.Concurrent;
using System.Diagnostics;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Runs the quality check of one extract (质量检查). Three stages overlap: a reader thread parses
/// records into blocks, worker threads apply the record rules to whole blocks, and the calling
/// thread merges blocks in file order (uniqueness, counts, findings to disk). Memory stays bounded
/// by the block pool and the uniqueness index, whatever the file's size.
/// </summary>
public static class QualityCheck
{
    /// <summary>Checks the file.</summary>
    /// <exception cref="ExtractReadException">The file cannot be read as an extract of a known dataset.</exception>
    /// <exception cref="RuleFileException">The rule file is invalid.</exception>
    /// <exception cref="OperationCanceledException">The check was cancelled.</exception>
    public static CheckResult Run(CheckOptions options, IProgress<CheckProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        try
        {
            return RunCore(options, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is ExtractReadException or RuleFileException)
        {
            // A fault of the input: the message explains it, and a stack trace would only confuse.
            QualityCheckLog.CheckRejected(options.Logger, options.Path, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            QualityCheckLog.CheckFailed(options.Logger, options.Path, ex);
            throw;
        }
    }

    private static CheckResult RunCore(CheckOptions options, IProgress<CheckProgress>? progress, CancellationToken cancellationToken)
    {
        var started = options.Time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var standards = StandardsCatalog.Default;
        var before = FileState.Of(options.Path);
        using var reader = ExtractReaderFactory.Open(options.Path, options.Encoding, options.Sheet);
        string fileName = Path.GetFileName(options.Path);
        var (dataset, columns, ignored) = ColumnBinder.Bind(reader.Header, options.Dataset, standards, fileName);
        var rules = RuleSet.Load(dataset.Id, options.RulesFileFor(dataset.Id));
        var today = DateOnly.FromDateTime(options.Time.GetLocalNow().DateTime);
        QualityCheckLog.CheckStarted(options.Logger, options.Path, dataset.Id, reader.EncodingName, columns.Count, ignored.Count);

        var spill = new FindingSpill(columns, rules);
        try
        {
            long expected = reader switch
            {
                CsvChunkReader chunks => chunks.EstimatedRecords,
                CsvExtractReader csv => csv.EstimatedRecords,
                _ => 65_536,
            };
            var merger = new ResultMerger(spill, rules, dataset, columns, expected, standards.Divisions);
            var observer = options.Observer?.Invoke(dataset, columns, reader.Header.Count);
            RunPipeline(reader, fileName, columns, rules, standards, today, merger, observer, options.Workers, progress, cancellationToken);

            // A file replaced, truncated or appended to while it was read gives a report of no real file.
            if (FileState.Of(options.Path) != before)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.FileChangedDuringCheck, fileName));
            }

            spill.Complete();
            merger.ReleaseKeys();

            var (dimensions, score, ruleCounts) = merger.Summarize();
            var report = new QualityReport
            {
                Dataset = dataset.Id,
                DatasetName = dataset.Name,
                File = fileName,
                Encoding = reader.EncodingName,
                CheckedAt = started,
                Duration = stopwatch.Elapsed,
                Records = merger.Records,
                RecordsWithErrors = merger.RecordsWithErrors,
                RecordsWithWarningsOnly = merger.RecordsWithWarningsOnly,
                Score = score,
                Dimensions = dimensions,
                Rules = ruleCounts,
                FindingCount = spill.Count,
                ErrorFindings = merger.ErrorFindings,
                IgnoredColumns = ignored,
                Divisions = merger.SummarizeDivisions(),
                BusinessLines = merger.SummarizeBusinessLines(),
                RecordsWithoutDivision = merger.RecordsWithoutDivision,
            };
            QualityCheckLog.CheckCompleted(options.Logger, options.Path, report.Records, report.FindingCount, report.Score, report.Duration.TotalSeconds);
            return new CheckResult(report, spill);
        }
        catch
        {
            spill.Dispose();
            throw;
        }
    }

    // The length and last write time of a file, or of nothing when it cannot be read.
    private readonly record struct FileState(long Length, DateTime Written)
    {
        public static FileState Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists ? new FileState(info.Length, info.LastWriteTimeUtc) : default;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return default;
            }
        }
    }

    private static void RunPipeline(
        IExtractSource reader,
        string fileName,
        List<ColumnBinding> columns,
        RuleSet rules,
        StandardsCatalog standards,
        DateOnly today,
        ResultMerger merger,
        IBlockObserver? observer,
        int workers,
        IProgress<CheckProgress>? progress,
        CancellationToken cancellationToken)
    {
        // A record reader keeps one processor busy, so the others check; a chunk reader only scans
        // bytes, so every processor parses and checks.
        var chunks = reader as CsvChunkReader;
        int workerCount = workers;
        if (workerCount <= 0)
        {
            workerCount = chunks is not null ? Environment.ProcessorCount : Math.Max(1, Environment.ProcessorCount - 1);
        }
        int poolSize = (workerCount * 2) + 4;
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failure.Token;
        using var free = new BlockingCollection<RecordBlock>(poolSize);
        using var toCheck = new BlockingCollection<RecordBlock>(poolSize);
        for (int i = 0; i < poolSize; i++)
        {
            free.Add(new RecordBlock(columns.Count), token);
        }

        int[] ordinals = columns.Select(c => c.Ordinal).ToArray();
        var shape = new RecordShape(reader.Header.Count, reader switch
        {
            CsvChunkReader c => c.Delimiter,
            CsvExtractReader c => c.Delimiter,
            _ => ',',
        });
        var ordered = new OrderedMerge(merger, observer, free, reader, progress);
        CsvChunkParser? parser = null;
        Action read;
        if (chunks is not null)
        {
            int[] columnOfOrdinal = Enumerable.Repeat(-1, reader.Header.Count).ToArray();
            for (int c = 0; c < columns.Count; c++)
            {
                columnOfOrdinal[columns[c].Ordinal] = c;
            }

            parser = new CsvChunkParser(chunks.Encoding, chunks.Delimiter, columnOfOrdinal, fileName);
            read = () => ReadChunks(chunks, free, toCheck, token);
        }
        else
        {
            var checker = new RecordChecker(columns, rules, standards, today, shape);
            read = () => ReadBlocks((IExtractReader)reader, ordinals, free, toCheck, checker, observer, ordered, token);
        }

        var tasks = new List<Task>
        {
            Task.Factory.StartNew(read, token, TaskCreationOptions.LongRunning, TaskScheduler.Default),
        };
        for (int i = 0; i < workerCount; i++)
        {
            tasks.Add(Task.Factory.StartNew(
                () =>
                {
                    var checker = new RecordChecker(columns, rules, standards, today, shape);
                    foreach (var block in toCheck.GetConsumingEnumerable(token))
                    {
                        if (block.RawLength > 0)
                        {
                            parser!.Parse(block);
                        }

                        checker.Check(block);
                        observer?.Prepare(block);
                        ordered.Add(block, token);
                    }
                },
                token,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default));
        }

        // A failing stage cancels the others, so no stage waits forever on a queue.
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(t => failure.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        try
        {
            Task.WaitAll([.. tasks], CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Each task's outcome is inspected below, the reader's first.
        }

        // The reader's exception (a bad file) takes precedence over what it caused downstream.
        foreach (var task in tasks)
        {
            Rethrow(task);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    // Parsing is faster than checking, so the reader would idle on a full queue. When the workers
    // are behind, it checks the block it has just filled itself.
    private const int QueueDepthForReaderToCheck = 2;

    private static void ReadBlocks(IExtractReader reader, int[] ordinals, BlockingCollection<RecordBlock> free, BlockingCollection<RecordBlock> toCheck, RecordChecker checker, IBlockObserver? observer, OrderedMerge ordered, CancellationToken token)
    {
        try
        {
            long sequence = 0;
            long row = reader.HeaderRow;
            var block = free.Take(token);
            block.Reset();
            while (reader.Read())
            {
                row++;
                if (IsBlankRecord(reader))
                {
                    continue;
                }

                block.Add(reader, ordinals, row);
                if (reader is CsvExtractReader)
                {
                    block.SetFieldCount(reader.FieldCount);
                }

                if (block.IsFull)
                {
                    block.Sequence = sequence++;
                    if (toCheck.Count >= QueueDepthForReaderToCheck)
                    {
                        checker.Check(block);
                        observer?.Prepare(block);
                        ordered.Add(block, token);
                    }
                    else
                    {
                        toCheck.Add(block, token);
                    }

                    block = free.Take(token);
                    block.Reset();
                }
            }

            block.Sequence = sequence;
            toCheck.Add(block, token);
        }
        finally
        {
            toCheck.CompleteAdding();
        }
    }

    private static void ReadChunks(CsvChunkReader reader, BlockingCollection<RecordBlock> free, BlockingCollection<RecordBlock> toCheck, CancellationToken token)
    {
        try
        {
            long sequence = 0;
            while (true)
            {
                var block = free.Take(token);
                block.Reset();
                if (!reader.ReadChunk(block))
                {
                    free.Add(block, token);
                    break;
                }

                block.Sequence = sequence++;
                toCheck.Add(block, token);
            }
        }
        finally
        {
            toCheck.CompleteAdding();
        }
    }

    // A row whose cells are all empty is what spreadsheets write for a blank line; it is not a record.
    internal static bool IsBlankRecord(IExtractReader reader)
    {
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.GetField(i).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private static void Rethrow(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException ex) when (ex.InnerException is not OperationCanceledException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
        }
        catch (AggregateException)
        {
            // Cancelled because another stage failed or the caller cancelled; reported elsewhere.
        }
    }
}
