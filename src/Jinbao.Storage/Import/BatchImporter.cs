using System.Data.Common;
using System.Diagnostics;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Rules;
using Jinbao.Standards;
using Jinbao.Storage.Providers;
using Jinbao.Storage.Resources;
using Microsoft.Extensions.Logging;

namespace Jinbao.Storage.Import;

/// <summary>
/// Loads one checked extract as one batch. The rows go into a staging table and are merged into the
/// store in the same transaction as the batch's row, so a batch is committed whole or not at all.
/// The batch's content hash is unique, so a second load of the same file changes nothing.
/// </summary>
internal sealed class BatchImporter(StoreProvider provider, TimeProvider time, ILogger logger)
{
    /// <exception cref="ExtractReadException">The file cannot be read as an extract of a known dataset.</exception>
    /// <exception cref="RuleFileException">The rule file is invalid.</exception>
    /// <exception cref="ImportException">The request does not fit the file: an invalid or missing division code, a check of another dataset, rows the store cannot key.</exception>
    /// <exception cref="StorageException">The store cannot be written.</exception>
    public ImportOutcome Import(ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? division = ValidateDivision(request.Division);

        using var reader = ExtractRecordReader.Open(request.Path, request.Dataset, request.Encoding, request.Sheet);
        var load = DatasetLoads.Find(reader.Dataset.Id)
            ?? throw new InvalidOperationException($"The dataset {reader.Dataset.Id} has no load definition.");
        if (load.RequiresBatchDivision && division is null)
        {
            throw new ImportException(MessageFormat.Format(StorageText.DivisionRequired, reader.Dataset.Name));
        }

        string fileName = Path.GetFileName(request.Path);
        string hash = ContentHash.Compute(request.Path, cancellationToken);
        var earlier = FindBatchId(hash);
        CheckResult? ownCheck = null;
        try
        {
            var check = request.Check ?? (ownCheck = QualityCheck.Run(
                new CheckOptions
                {
                    Path = request.Path,
                    Dataset = reader.Dataset.Id,
                    Encoding = request.Encoding,
                    Sheet = request.Sheet,
                    RulesFile = request.RulesFile,
                    Time = time,
                },
                cancellationToken: cancellationToken));
            var report = check.Report;
            if (report.Dataset != reader.Dataset.Id)
            {
                throw new ImportException(MessageFormat.Format(StorageText.CheckDatasetMismatch, report.Dataset, reader.Dataset.Id));
            }

            if (earlier is not null)
            {
                StoreLog.ImportSkipped(logger, fileName, earlier);
                return new ImportOutcome(ImportStatus.AlreadyLoaded, report.Dataset, fileName, hash, earlier, report.Records, 0, 0, 0, report.Score, report.RecordsWithErrors);
            }

            if (report.RecordsWithErrors > 0 && !request.ExcludeErrors)
            {
                StoreLog.ImportRejected(logger, fileName, report.RecordsWithErrors);
                return new ImportOutcome(ImportStatus.Rejected, report.Dataset, fileName, hash, null, report.Records, 0, 0, 0, report.Score, report.RecordsWithErrors);
            }

            var errorRows = ErrorRows(check, cancellationToken);
            var batch = new BatchRow(Guid.NewGuid().ToString("N"), hash, report.Dataset, fileName, division, report.Records, report.Score, report.ErrorFindings, report.FindingCount, request.ReportPath);
            return Load(reader, load, batch, errorRows, request.ExcludeErrors, report.RecordsWithErrors, cancellationToken);
        }
        finally
        {
            ownCheck?.Dispose();
        }
    }

    private ImportOutcome Load(ExtractRecordReader reader, DatasetLoad load, BatchRow batch, HashSet<long> errorRows, bool excludeErrors, long recordsWithErrors, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        StoreLog.ImportStarted(logger, batch.FileName, batch.Dataset, batch.BatchId);
        using var connection = provider.Open();
        provider.PrepareLoad(connection);
        try
        {
            using var transaction = connection.BeginTransaction();
            if (!InsertBatch(connection, transaction, batch, now))
            {
                // Another process committed the same content since the check above.
                string earlier = FindBatchId(batch.ContentHash)!;
                StoreLog.ImportSkipped(logger, batch.FileName, earlier);
                return new ImportOutcome(ImportStatus.AlreadyLoaded, batch.Dataset, batch.FileName, batch.ContentHash, earlier, batch.Records, 0, 0, 0, batch.Score, recordsWithErrors);
            }

            provider.CreateStage(connection, transaction, load.Stage, load.Columns);
            var (staged, unusable) = Stage(connection, transaction, reader, load, batch.Division, errorRows, cancellationToken);
            if (unusable > 0 && !excludeErrors)
            {
                // The check passed rows that the store cannot key; loading the rest silently would hide them.
                throw new ImportException(MessageFormat.Format(StorageText.RowsUnusable, batch.FileName, unusable));
            }

            StoreLog.ImportStaged(logger, batch.FileName, staged, stopwatch.Elapsed.TotalSeconds);
            provider.KeepLastRowPerKey(connection, transaction, load.Stage, load.Key);
            var parameters = new (string, object?)[] { ("@batch", batch.BatchId), ("@now", now) };
            long conflicts = 0;

            // Into an empty master index nothing can conflict, which spares a join per field on a first load.
            if (load.ConflictStatements.Count > 0 && Sql.Scalar(connection, transaction, "SELECT 1 FROM person LIMIT 1") is not null)
            {
                foreach (string statement in load.ConflictStatements)
                {
                    conflicts += Sql.Execute(connection, transaction, statement, parameters);
                }
            }

            string order = provider.MergeOrder(load.Key);
            foreach (string statement in load.MergeStatements)
            {
                Sql.Execute(connection, transaction, statement.Replace("{ORDER}", order, StringComparison.Ordinal), parameters);
            }

            long excluded = errorRows.Count + unusable;
            Sql.Execute(connection, transaction, "UPDATE import_batch SET loaded = @loaded, excluded = @excluded, conflicts = @conflicts WHERE batch_id = @batch",
                ("@loaded", staged), ("@excluded", excluded), ("@conflicts", conflicts), ("@batch", batch.BatchId));
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            StoreLog.ImportCompleted(logger, batch.FileName, batch.BatchId, staged, excluded, conflicts, stopwatch.Elapsed.TotalSeconds);
            return new ImportOutcome(ImportStatus.Loaded, batch.Dataset, batch.FileName, batch.ContentHash, batch.BatchId, batch.Records, staged, excluded, conflicts, batch.Score, recordsWithErrors);
        }
        catch (DbException ex)
        {
            StoreLog.ImportFailed(logger, batch.FileName, ex);
            throw new StorageException(MessageFormat.Format(StorageText.ImportFailed, batch.FileName, provider.Location, ex.Message), ex);
        }
        finally
        {
            provider.DropStage(connection, load.Stage);
        }
    }

    private (long Staged, long Unusable) Stage(DbConnection connection, DbTransaction transaction, ExtractRecordReader reader, DatasetLoad load, string? division, HashSet<long> errorRows, CancellationToken cancellationToken)
    {
        long staged = 0;
        using var producer = new StagedRowProducer(reader, load, division, errorRows, cancellationToken);
        using (var writer = provider.BeginStage(connection, transaction, load.Stage, load.Columns))
        {
            foreach (var block in producer.Blocks())
            {
                foreach (var row in block)
                {
                    writer.Write(row);
                }

                staged += block.Length;
            }

            writer.Complete();
        }

        return (staged, producer.Unusable);
    }

    private bool InsertBatch(DbConnection connection, DbTransaction transaction, BatchRow batch, DateTimeOffset now)
    {
        try
        {
            Sql.Execute(connection, transaction, """
                INSERT INTO import_batch (batch_id, content_hash, dataset, file_name, division_code, records, loaded, excluded, conflicts, score, error_findings, findings, report_path, imported_at)
                VALUES (@batch, @hash, @dataset, @file, @division, @records, 0, 0, 0, @score, @errors, @findings, @report, @now)
                """,
                ("@batch", batch.BatchId), ("@hash", batch.ContentHash), ("@dataset", batch.Dataset), ("@file", batch.FileName),
                ("@division", batch.Division), ("@records", batch.Records), ("@score", batch.Score), ("@errors", batch.ErrorFindings),
                ("@findings", batch.Findings), ("@report", batch.ReportPath), ("@now", now));
            return true;
        }
        catch (DbException ex) when (provider.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    private string? FindBatchId(string hash)
    {
        using var connection = provider.Open();
        return Sql.Scalar(connection, null, "SELECT batch_id FROM import_batch WHERE content_hash = @hash", ("@hash", hash)) as string;
    }

    private static HashSet<long> ErrorRows(CheckResult check, CancellationToken cancellationToken)
    {
        var rows = new HashSet<long>();
        if (check.Report.ErrorFindings == 0)
        {
            return rows;
        }

        foreach (var finding in check.Findings.ReadAll(cancellationToken))
        {
            if (finding.Severity == Severity.Error)
            {
                rows.Add(finding.Row);
            }
        }

        return rows;
    }

    private static string? ValidateDivision(string? division)
    {
        if (division is null)
        {
            return null;
        }

        string code = division.Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || !StandardsCatalog.Default.Divisions.IsKnown(int.Parse(code, System.Globalization.CultureInfo.InvariantCulture)))
        {
            throw new ImportException(MessageFormat.Format(StorageText.DivisionInvalid, division));
        }

        return code;
    }

    private sealed record BatchRow(string BatchId, string ContentHash, string Dataset, string FileName, string? Division, long Records, double Score, long ErrorFindings, long Findings, string? ReportPath);
}
