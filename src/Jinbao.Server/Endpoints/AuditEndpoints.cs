using System.Globalization;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Endpoints;

/// <summary>The audit trail search for the auditor under <c>/api/v1/audit</c>.</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", Search).WithTags("audit").RequireAuthorization(UserRoles.Auditor);
        app.MapGet("/api/v1/audit/chain", VerifyChain).WithTags("audit").RequireAuthorization(UserRoles.Auditor);
    }

    /// <summary>The result of recomputing the audit trail's hash chain, with a Chinese summary for the auditor.</summary>
    public sealed record ChainResponse(bool Intact, long Chained, long Unchained, long? FirstBrokenId, string HeadLink, string Message);

    private static IResult VerifyChain(AuditTrail audit)
    {
        var report = audit.VerifyChain();
        string message = report.Intact
            ? string.Format(CultureInfo.CurrentCulture, ServerText.Audit_ChainIntact, report.Chained, report.Unchained, report.HeadLink)
            : string.Format(CultureInfo.CurrentCulture, ServerText.Audit_ChainBroken, report.FirstBrokenId, report.Chained);
        return Results.Ok(new ChainResponse(report.Intact, report.Chained, report.Unchained, report.FirstBrokenId, report.HeadLink, message));
    }

    public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, long Total, int Page, int PageSize);

    private static IResult Search(HttpContext context, AuditTrail audit)
    {
        var (paging, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryReadTime(context.Request, "from", out var from, out problem) || !TryReadTime(context.Request, "to", out var to, out problem))
        {
            return problem!;
        }

        string? actor = context.Request.Query["actor"] is { Count: > 0 } a && a.ToString().Length > 0 ? a.ToString() : null;
        string? action = context.Request.Query["action"] is { Count: > 0 } b && b.ToString().Length > 0 ? b.ToString() : null;
        var (events, total) = audit.Search(actor, action, from, to, paging.Page, paging.PageSize);
        return Results.Ok(new AuditPage(events, total, paging.Page, paging.PageSize));
    }

    private static bool TryReadTime(HttpRequest request, string name, out DateTimeOffset? value, out IResult? problem)
    {
        value = null;
        problem = null;
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = Problems.Format(StatusCodes.Status400BadRequest, ServerText.Detail_QueryTime, name, text);
        return false;
    }
}
