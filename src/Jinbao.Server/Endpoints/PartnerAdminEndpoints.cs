using System.Globalization;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Subscriptions;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Jinbao.Storage;
using Jinbao.Trust.Pki;

namespace Jinbao.Server.Endpoints;

/// <summary>
/// Management of the sharing repository, partners, agreements and subscriptions for the administrator, and the
/// partner access log for the auditor, under <c>/api/v1</c>. Every change is recorded in the audit trail.
/// </summary>
internal static class PartnerAdminEndpoints
{
    private const string PartnerRegister = "partner-register";
    private const string PartnerStatus = "partner-status";
    private const string AgreementCreate = "agreement-create";
    private const string AgreementStatus = "agreement-status";
    private const string DatasetPublish = "dataset-publish";
    private const string AccessExport = "partner-access-export";

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1").WithTags("partners").RequireAuthorization(UserRoles.Administrator);
        admin.MapGet("/sharing/publications", (SharingRepository repository) => Results.Ok(repository.Publications()));
        admin.MapPost("/sharing/publications", Publish).Accepts<PublishRequest>(JsonBody.ContentType);
        admin.MapGet("/partners", (PartnerRegistry registry) => Results.Ok(registry.Partners()));
        admin.MapPost("/partners", Register).Accepts<RegisterRequest>(JsonBody.ContentType);
        admin.MapPost("/partners/{id}/status", ChangePartnerStatus).Accepts<StatusRequest>(JsonBody.ContentType);
        admin.MapGet("/agreements", (PartnerRegistry registry, string? partnerId) => Results.Ok(registry.Agreements(partnerId)));
        admin.MapPost("/agreements", CreateAgreement).Accepts<AgreementDefinition>(JsonBody.ContentType);
        admin.MapPost("/agreements/{id}/status", ChangeAgreementStatus).Accepts<StatusRequest>(JsonBody.ContentType);
        admin.MapGet("/subscriptions", (SubscriptionStore store, SharingRepository repository, string? agreementId) =>
            Results.Ok(new SubscriptionPage(store.List(agreementId), repository.LatestSequence())));

        var auditor = app.MapGroup("/api/v1/partner-access").WithTags("audit").RequireAuthorization(UserRoles.Auditor);
        auditor.MapGet("/", SearchAccess);
        auditor.MapGet("/export", ExportAccess);
    }

    public sealed record PublishRequest(string? Dataset);

    public sealed record RegisterRequest(string? Id, string? Name, string? CertificatePem);

    public sealed record StatusRequest(string? Status);

    public sealed record SubscriptionPage(IReadOnlyList<Subscription> Items, long LatestSequence);

    public sealed record AccessPage(IReadOnlyList<AccessEntry> Items, long Total, int Page, int PageSize);

    private static async Task<IResult> Publish(HttpContext context, SharingRepository repository, CentralStore store, AuditTrail audit)
    {
        var (request, problem) = await JsonBody.ReadAsync<PublishRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        // The server opened the store from this same variable, so it names the store's PostgreSQL database.
        Func<string, PublicationResult> publish = store.Provider == StorageProviderKind.Sqlite
            ? dataset => repository.Publish(store.Location, dataset)
            : dataset => repository.Publish(() => new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable(CentralStore.PostgresEnvironmentVariable)), dataset);
        return Change(context, audit, DatasetPublish, request!.Dataset ?? "", () => publish(request.Dataset ?? ""));
    }

    private static async Task<IResult> Register(HttpContext context, PartnerRegistry registry, PartnerTrust trust, ServerOptions options, AuditTrail audit)
    {
        var (request, problem) = await JsonBody.ReadAsync<RegisterRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (options.Partners is null)
        {
            return Problems.Result(StatusCodes.Status409Conflict, SharingText.TrustNotConfigured);
        }

        Org.BouncyCastle.X509.X509Certificate certificate;
        try
        {
            certificate = CertificateFiles.Read(System.Text.Encoding.ASCII.GetBytes(request!.CertificatePem ?? ""), "certificatePem");
        }
        catch (TrustException ex)
        {
            return Problems.Format(StatusCodes.Status400BadRequest, SharingText.CertificateUnreadable, ex.Message);
        }

        return Change(context, audit, PartnerRegister, request.Id ?? "", () => registry.Register(request.Id ?? "", request.Name ?? "", certificate, trust), created: true);
    }

    private static async Task<IResult> ChangePartnerStatus(HttpContext context, PartnerRegistry registry, AuditTrail audit, string id)
    {
        var (request, problem) = await JsonBody.ReadAsync<StatusRequest>(context.Request);
        return problem ?? Change(context, audit, PartnerStatus, id + " " + request!.Status, () => registry.ChangePartnerStatus(id, request.Status ?? ""));
    }

    private static async Task<IResult> CreateAgreement(HttpContext context, PartnerRegistry registry, AuditTrail audit)
    {
        var (definition, problem) = await JsonBody.ReadAsync<AgreementDefinition>(context.Request);
        return problem ?? Change(context, audit, AgreementCreate, definition!.PartnerId, () => registry.CreateAgreement(definition, CurrentUser.Name(context.User)), created: true);
    }

    private static async Task<IResult> ChangeAgreementStatus(HttpContext context, PartnerRegistry registry, AuditTrail audit, string id)
    {
        var (request, problem) = await JsonBody.ReadAsync<StatusRequest>(context.Request);
        return problem ?? Change(context, audit, AgreementStatus, id + " " + request!.Status, () => registry.ChangeAgreementStatus(id, request.Status ?? ""));
    }

    // Runs a change, records it in the audit trail and turns a rejected change into a 400 with its Chinese reason.
    private static IResult Change<T>(HttpContext context, AuditTrail audit, string action, string target, Func<T> change, bool created = false)
    {
        string actor = CurrentUser.Name(context.User);
        try
        {
            var result = change();
            audit.Record(actor, action, target, AuditOutcomes.Succeeded, CurrentUser.Address(context));
            return created ? Results.Json(result, statusCode: StatusCodes.Status201Created) : Results.Ok(result);
        }
        catch (SharingException ex)
        {
            audit.Record(actor, action, target, AuditOutcomes.Rejected, CurrentUser.Address(context));
            return Problems.Result(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    private static IResult SearchAccess(HttpContext context, AccessLog log)
    {
        var (paging, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryReadFilter(context.Request, out var filter, out problem))
        {
            return problem!;
        }

        var (entries, total) = log.Search(filter, paging.Page, paging.PageSize);
        return Results.Ok(new AccessPage(entries, total, paging.Page, paging.PageSize));
    }

    private static async Task ExportAccess(HttpContext context, AccessLog log, AuditTrail audit)
    {
        if (!TryReadFilter(context.Request, out var filter, out var problem))
        {
            await problem!.ExecuteAsync(context);
            return;
        }

        audit.Record(CurrentUser.Name(context.User), AccessExport, context.Request.QueryString.Value ?? "", AuditOutcomes.Succeeded, CurrentUser.Address(context));
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"partner-access.csv\"";
        // The export is written to memory first, because Kestrel allows no synchronous writes to the response.
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        log.ExportCsv(filter, writer);
        await context.Response.WriteAsync(writer.ToString(), new System.Text.UTF8Encoding(false));
    }

    private static bool TryReadFilter(HttpRequest request, out AccessFilter filter, out IResult? problem)
    {
        filter = new AccessFilter();
        problem = null;
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        foreach (string name in new[] { "from", "to" })
        {
            string? text = request.Query[name];
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                problem = Problems.Format(StatusCodes.Status400BadRequest, ServerText.Detail_QueryTime, name, text);
                return false;
            }

            if (name == "from")
            {
                from = parsed;
            }
            else
            {
                to = parsed;
            }
        }

        filter = new AccessFilter(Text(request, "partnerId"), Text(request, "agreementId"), Text(request, "service"), Text(request, "outcome"), from, to);
        return true;
    }

    private static string? Text(HttpRequest request, string name) => request.Query[name] is { Count: > 0 } value && value.ToString().Length > 0 ? value.ToString() : null;
}
