using Jinbao.Quality.Reports;
using Jinbao.Server.Data;
using Microsoft.Data.Sqlite;

namespace Jinbao.Server.Batches;

/// <summary>The batch table and each batch's folder: <c>batches/{id}/upload/</c> holds the extract, <c>report/</c> the check's reports.</summary>
internal sealed class BatchStore(ServerDatabase database, ServerOptions options)
{
    private const string Columns = "id, file_name, dataset, uploaded_by, uploaded_at, status, records, score, findings, error_findings, records_with_errors, message, finished_at, imported_at";

    public string Root { get; } = Path.Combine(options.DataDirectory, "batches");

    public string UploadFolder(string id) => Path.Combine(Root, id, "upload");

    public string ReportFolder(string id) => Path.Combine(Root, id, "report");

    /// <summary>The findings of a completed check as JSON lines, one <see cref="Finding"/> a line.</summary>
    public string FindingsFile(string id) => Path.Combine(Root, id, "findings.jsonl");

    public void Add(string id, string fileName, string? dataset, string uploadedBy)
    {
        database.Execute(
            "INSERT INTO server_check_batches (id, file_name, dataset, uploaded_by, uploaded_at, status) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
            id, fileName, dataset, uploadedBy, ServerDatabase.FormatTime(options.Time.GetUtcNow()), BatchStatus.Queued);
    }

    public CheckBatch? Find(string id) => database.Query("SELECT " + Columns + " FROM server_check_batches WHERE id = $p0", Map, id).FirstOrDefault();

    public IReadOnlyList<CheckBatch> List(int page, int pageSize) => database.Query(
        "SELECT " + Columns + " FROM server_check_batches ORDER BY uploaded_at DESC, id LIMIT $p0 OFFSET $p1", Map, pageSize, (long)(page - 1) * pageSize);

    public long Count() => (long)database.Scalar("SELECT COUNT(*) FROM server_check_batches")!;

    /// <summary>Batches a stopped server left queued or running, oldest first.</summary>
    public IReadOnlyList<string> Unfinished() => database.Query(
        "SELECT id FROM server_check_batches WHERE status IN ($p0, $p1) ORDER BY uploaded_at", r => r.GetString(0), BatchStatus.Queued, BatchStatus.Running);

    public void MarkRunning(string id) => database.Execute("UPDATE server_check_batches SET status = $p1 WHERE id = $p0", id, BatchStatus.Running);

    public void MarkCompleted(string id, QualityReport report) => database.Execute(
        "UPDATE server_check_batches SET status = $p1, dataset = $p2, records = $p3, score = $p4, findings = $p5, error_findings = $p6, records_with_errors = $p7, finished_at = $p8, message = NULL WHERE id = $p0",
        id, BatchStatus.Completed, report.Dataset, report.Records, report.Score, report.FindingCount, report.ErrorFindings, report.RecordsWithErrors, ServerDatabase.FormatTime(options.Time.GetUtcNow()));

    public void MarkFailed(string id, string message) => database.Execute(
        "UPDATE server_check_batches SET status = $p1, message = $p2, finished_at = $p3 WHERE id = $p0",
        id, BatchStatus.Failed, message, ServerDatabase.FormatTime(options.Time.GetUtcNow()));

    public void MarkImported(string id) => database.Execute(
        "UPDATE server_check_batches SET imported_at = $p1 WHERE id = $p0", id, ServerDatabase.FormatTime(options.Time.GetUtcNow()));

    private static CheckBatch Map(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        ServerDatabase.TextOrNull(r, 2),
        r.GetString(3),
        ServerDatabase.ParseTime(r.GetString(4)),
        r.GetString(5),
        r.GetInt64(6),
        r.IsDBNull(7) ? null : r.GetDouble(7),
        r.GetInt64(8),
        r.GetInt64(9),
        r.GetInt64(10),
        ServerDatabase.TextOrNull(r, 11),
        ServerDatabase.TextOrNull(r, 12) is { } finished ? ServerDatabase.ParseTime(finished) : null,
        ServerDatabase.TextOrNull(r, 13) is { } imported ? ServerDatabase.ParseTime(imported) : null);
}
