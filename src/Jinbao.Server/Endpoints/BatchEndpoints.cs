using System.Globalization;
using System.Text.Json;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Batches;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Jinbao.Standards;

namespace Jinbao.Server.Endpoints;

/// <summary>Extract upload, check progress, reports and findings under <c>/api/v1/batches</c>, for the operator.</summary>
internal static class BatchEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/batches").WithTags("batches").RequireAuthorization(UserRoles.Operator);
        group.MapPost("/", Upload).WithMetadata(new UploadEndpoint()).DisableAntiforgery();
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapGet("/{id}/report", GetReport);
        group.MapGet("/{id}/findings", GetFindings);
        group.MapGet("/{id}/findings.xlsx", (BatchStore store, string id) => Download(store, id, "findings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        group.MapGet("/{id}/findings.csv", (BatchStore store, string id) => Download(store, id, "findings.csv", "text/csv; charset=utf-8"));
    }

    public sealed record BatchProgressResponse(long Records, long BytesRead, long TotalBytes, double Percent);

    public sealed record BatchResponse(CheckBatch Batch, BatchProgressResponse? Progress);

    public sealed record BatchPage(IReadOnlyList<CheckBatch> Items, long Total, int Page, int PageSize);

    public sealed record FindingPage(IReadOnlyList<Finding> Items, long Total, int Page, int PageSize);

    private static async Task<IResult> Upload(HttpContext context, BatchStore store, BatchQueue queue, AuditTrail audit, ServerOptions options)
    {
        string user = CurrentUser.Name(context.User);
        string address = CurrentUser.Address(context);
        var received = await ExtractUpload.ReceiveAsync(context.Request, Path.Combine(options.DataDirectory, "incoming"), context.RequestAborted);
        if (received.Error is { } error)
        {
            audit.Record(user, AuditActions.Upload, received.FileName ?? "", AuditOutcomes.Rejected, address);
            return Problems.Result(received.Status, error);
        }

        if (received.Dataset is { } dataset && StandardsCatalog.Default.FindDataset(dataset) is null)
        {
            File.Delete(received.TemporaryPath!);
            audit.Record(user, AuditActions.Upload, received.FileName!, AuditOutcomes.Rejected, address);
            string choices = string.Join("、", StandardsCatalog.Default.Datasets.Select(d => $"{d.Id}（{d.Name}）"));
            return Problems.Format(StatusCodes.Status400BadRequest, ServerText.Upload_DatasetUnknown, dataset, choices);
        }

        string id = Guid.NewGuid().ToString("N");
        string folder = store.UploadFolder(id);
        Directory.CreateDirectory(folder);
        File.Move(received.TemporaryPath!, Path.Combine(folder, SafeFileName(received.FileName!)));
        store.Add(id, received.FileName!, received.Dataset, user);
        queue.Enqueue(id);
        audit.Record(user, AuditActions.Upload, $"{id} {received.FileName}", AuditOutcomes.Succeeded, address);
        return Results.Accepted($"/api/v1/batches/{id}", new BatchResponse(store.Find(id)!, null));
    }

    private static IResult List(HttpContext context, BatchStore store)
    {
        var (paging, problem) = Paging.Read(context.Request);
        return problem ?? Results.Ok(new BatchPage(store.List(paging.Page, paging.PageSize), store.Count(), paging.Page, paging.PageSize));
    }

    private static IResult Get(BatchStore store, BatchQueue queue, string id)
    {
        if (store.Find(id) is not { } batch)
        {
            return BatchNotFound(id);
        }

        var progress = queue.ProgressOf(id) is { } p
            ? new BatchProgressResponse(p.Records, p.BytesRead, p.TotalBytes, p.TotalBytes > 0 ? Math.Round(100.0 * p.BytesRead / p.TotalBytes, 1) : 0)
            : null;
        return Results.Ok(new BatchResponse(batch, progress));
    }

    private static IResult GetReport(BatchStore store, string id)
    {
        if (RequireCompleted(store, id) is { } problem)
        {
            return problem;
        }

        return Results.File(Path.GetFullPath(Path.Combine(store.ReportFolder(id), "report.json")), "application/json; charset=utf-8");
    }

    private static IResult GetFindings(HttpContext context, BatchStore store, string id)
    {
        if (RequireCompleted(store, id) is { } problem)
        {
            return problem;
        }

        var (paging, pagingProblem) = Paging.Read(context.Request);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        string? rule = context.Request.Query["rule"] is { Count: > 0 } r && r.ToString().Length > 0 ? r.ToString() : null;
        Severity? severity = null;
        if (context.Request.Query["severity"] is { Count: > 0 } s && s.ToString().Length > 0)
        {
            if (!Enum.TryParse<Severity>(s.ToString(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Format(StatusCodes.Status400BadRequest, ServerText.Detail_SeverityInvalid, s.ToString());
            }

            severity = parsed;
        }

        // The findings are scanned in row order; a page is cut out of the matches.
        var items = new List<Finding>();
        long total = 0;
        long skip = (long)(paging.Page - 1) * paging.PageSize;
        foreach (string line in File.ReadLines(store.FindingsFile(id)))
        {
            var finding = JsonSerializer.Deserialize<Finding>(line, FindingJson.Options)!;
            if ((rule is not null && finding.Rule != rule) || (severity is not null && finding.Severity != severity))
            {
                continue;
            }

            if (total >= skip && items.Count < paging.PageSize)
            {
                items.Add(finding);
            }

            total++;
        }

        return Results.Json(new FindingPage(items, total, paging.Page, paging.PageSize), FindingJson.Options);
    }

    private static IResult Download(BatchStore store, string id, string file, string contentType)
    {
        if (RequireCompleted(store, id) is { } problem)
        {
            return problem;
        }

        return Results.File(Path.GetFullPath(Path.Combine(store.ReportFolder(id), file)), contentType, $"{id}-{file}");
    }

    private static IResult? RequireCompleted(BatchStore store, string id)
    {
        if (store.Find(id) is not { } batch)
        {
            return BatchNotFound(id);
        }

        return batch.Status == BatchStatus.Completed
            ? null
            : Problems.Format(StatusCodes.Status409Conflict, ServerText.Batch_NotCompleted, id, batch.Status);
    }

    public static IResult BatchNotFound(string id) => Problems.Result(StatusCodes.Status404NotFound, string.Format(CultureInfo.CurrentCulture, ServerText.Batch_NotFound, id));

    // The name is kept for the report; characters a file system may reject are replaced.
    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        string safe = new([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]);
        return safe.Length is 0 or > 200 ? "extract" + Path.GetExtension(name) : safe;
    }
}
