using System.Globalization;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Rules;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Batches;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Jinbao.Storage;
using Jinbao.Storage.Duplicates;
using Jinbao.Storage.Import;
using Jinbao.Storage.MasterIndex;
using Microsoft.AspNetCore.DataProtection;

namespace Jinbao.Server.Endpoints;

/// <summary>
/// The central store for the operator: import of a checked batch, person and employer lookup,
/// conflicts and cross-region duplicates. ID numbers are masked unless
/// <see cref="ServerOptions.OperatorsSeeFullIdNumbers"/> is set. A conflict carries an opaque
/// reference instead of the person key, which resolving it takes back.
/// </summary>
internal static partial class StoreEndpoints
{
    private const int MaxListLimit = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("store").RequireAuthorization(UserRoles.Operator);
        group.MapPost("/batches/{id}/import", Import).Accepts<ImportBody>(JsonBody.ContentType);
        group.MapPost("/persons/search", FindPerson).Accepts<PersonSearch>(JsonBody.ContentType);
        group.MapPost("/employers/search", FindEmployer).Accepts<EmployerSearch>(JsonBody.ContentType);
        group.MapGet("/conflicts", ListConflicts);
        group.MapPost("/conflicts/resolve", ResolveConflict).Accepts<ResolveBody>(JsonBody.ContentType);
        group.MapGet("/duplicates", ListDuplicates);
    }

    public sealed record ImportBody(bool ExcludeErrors, string? Division);

    public sealed record PersonSearch(string? IdNumber);

    public sealed record EmployerSearch(string? CreditCode);

    public sealed record PersonResponse(string IdNumber, string? IdDocumentType, string? Name, string? Sex, DateOnly? BirthDate, string? Ethnicity, string? Education, string? Division, string? Phone, DateTimeOffset UpdatedAt, IReadOnlyList<EnrolmentEntry> Enrolments);

    public sealed record ConflictResponse(string Reference, string IdNumber, string ConflictId, string Field, string CurrentValue, string IncomingValue, string BatchId, long SourceRow, DateTimeOffset DetectedAt, ConflictStatus Status, string? ResolvedValue, string? ResolvedBy, DateTimeOffset? ResolvedAt);

    public sealed record ResolveBody(string? Reference, string? ConflictId, string? ChosenValue);

    public sealed record DuplicateResponse(DuplicateKind Kind, string IdNumber, string TypeCode, string FirstDivision, string SecondDivision, DateOnly? OverlapStart, DateOnly? OverlapEnd, int? Period, long? FirstAmountFen, long? SecondAmountFen);

    private static async Task<IResult> Import(HttpContext context, BatchStore batches, CentralStore store, AuditTrail audit, ILoggerFactory logging, string id)
    {
        var (body, problem) = await JsonBody.ReadAsync<ImportBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (batches.Find(id) is not { } batch)
        {
            return BatchEndpoints.BatchNotFound(id);
        }

        if (batch.Status != BatchStatus.Completed)
        {
            return Problems.Format(StatusCodes.Status409Conflict, ServerText.Batch_NotCompleted, id, batch.Status);
        }

        string user = CurrentUser.Name(context.User);
        string address = CurrentUser.Address(context);
        string extract = Directory.EnumerateFiles(batches.UploadFolder(id)).First();
        var request = new ImportRequest
        {
            Path = extract,
            Dataset = batch.Dataset,
            ExcludeErrors = body!.ExcludeErrors,
            Division = string.IsNullOrWhiteSpace(body.Division) ? null : body.Division.Trim(),
            ReportPath = Path.GetFullPath(batches.ReportFolder(id)),
        };
        ImportOutcome outcome;
        try
        {
            // The import is a long synchronous transaction; it runs off the request thread pool's hot path.
            outcome = await Task.Run(() => store.Import(request, CancellationToken.None));
        }
        catch (Exception ex) when (ex is ImportException or ExtractReadException or RuleFileException)
        {
            LogImportRejected(logging.CreateLogger(LogCategory), id, ex.Message);
            audit.Record(user, AuditActions.Import, id, AuditOutcomes.Rejected, address);
            return Problems.Result(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (StorageException ex)
        {
            LogImportFailed(logging.CreateLogger(LogCategory), id, ex);
            audit.Record(user, AuditActions.Import, id, AuditOutcomes.Failed, address);
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, ex.Message);
        }

        if (outcome.Status == ImportStatus.Rejected)
        {
            audit.Record(user, AuditActions.Import, id, AuditOutcomes.Rejected, address);
            return Problems.Format(StatusCodes.Status409Conflict, ServerText.Import_Rejected, id, outcome.RecordsWithErrors);
        }

        batches.MarkImported(id);
        audit.Record(user, AuditActions.Import, $"{id} → {outcome.BatchId} ({outcome.Status}, {outcome.Loaded})", AuditOutcomes.Succeeded, address);
        return Results.Ok(outcome);
    }

    private static async Task<IResult> FindPerson(HttpContext context, CentralStore store, AuditTrail audit, ServerOptions options)
    {
        var (body, problem) = await JsonBody.ReadAsync<PersonSearch>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        string number = body!.IdNumber?.Trim() ?? "";
        if (number.Length is not (15 or 18))
        {
            return Problems.Format(StatusCodes.Status400BadRequest, ServerText.Person_IdInvalid, PersonalDataMasking.MaskIdentity(number));
        }

        var person = store.FindPerson(number);
        audit.Record(CurrentUser.Name(context.User), AuditActions.PersonLookup, PersonalDataMasking.MaskIdentity(number), person is null ? AuditOutcomes.NotFound : AuditOutcomes.Succeeded, CurrentUser.Address(context));
        if (person is null)
        {
            return Problems.Format(StatusCodes.Status404NotFound, ServerText.Person_NotFound, PersonalDataMasking.MaskIdentity(number));
        }

        return Results.Ok(new PersonResponse(
            ShowIdNumber(person.PersonKey, options), person.IdDocumentType, person.Name, person.Sex, person.BirthDate, person.Ethnicity, person.Education,
            person.Division, PersonalDataMasking.MaskPhone(person.Phone), person.UpdatedAt, person.Enrolments));
    }

    private static async Task<IResult> FindEmployer(HttpContext context, CentralStore store)
    {
        var (body, problem) = await JsonBody.ReadAsync<EmployerSearch>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        string code = body!.CreditCode?.Trim().ToUpperInvariant() ?? "";
        if (code.Length != 18)
        {
            return Problems.Format(StatusCodes.Status400BadRequest, ServerText.Employer_CodeInvalid, code);
        }

        return store.FindEmployer(code) is { } employer
            ? Results.Ok(employer)
            : Problems.Format(StatusCodes.Status404NotFound, ServerText.Employer_NotFound, code);
    }

    private static IResult ListConflicts(HttpContext context, CentralStore store, IDataProtectionProvider protection, ServerOptions options)
    {
        string status = context.Request.Query["status"].ToString();
        ConflictStatus? filter = status switch
        {
            "" or "open" => ConflictStatus.Open,
            "resolved" => ConflictStatus.Resolved,
            "all" => null,
            _ => (ConflictStatus?)(-1),
        };
        if (filter == (ConflictStatus)(-1))
        {
            return Problems.Format(StatusCodes.Status400BadRequest, ServerText.Conflict_StatusInvalid, status);
        }

        if (!TryReadLimit(context.Request, out int limit, out var problem))
        {
            return problem!;
        }

        var protector = Protector(protection);
        return Results.Ok(store.ListConflicts(filter, idNumber: null, limit).Select(c => new ConflictResponse(
            protector.Protect(c.PersonKey), ShowIdNumber(c.PersonKey, options), c.ConflictId, c.Field, c.CurrentValue, c.IncomingValue,
            c.BatchId, c.SourceRow, c.DetectedAt, c.Status, c.ResolvedValue, c.ResolvedBy, c.ResolvedAt)));
    }

    private static async Task<IResult> ResolveConflict(HttpContext context, CentralStore store, AuditTrail audit, IDataProtectionProvider protection)
    {
        var (body, problem) = await JsonBody.ReadAsync<ResolveBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(body!.Reference) || string.IsNullOrEmpty(body.ConflictId) || body.ChosenValue is null)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Conflict_Missing);
        }

        string personKey;
        try
        {
            personKey = Protector(protection).Unprotect(body.Reference);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Conflict_ReferenceInvalid);
        }

        string user = CurrentUser.Name(context.User);
        var result = store.ResolveConflict(personKey, body.ConflictId, body.ChosenValue, user);
        string target = $"{PersonalDataMasking.MaskIdentity(personKey)} {body.ConflictId}";
        audit.Record(user, AuditActions.ConflictDecision, target, result == ConflictResolution.Resolved ? AuditOutcomes.Succeeded : AuditOutcomes.Rejected, CurrentUser.Address(context));
        return result switch
        {
            ConflictResolution.Resolved => Results.NoContent(),
            ConflictResolution.NotFound => Problems.Format(StatusCodes.Status404NotFound, ServerText.Conflict_NotFound, body.ConflictId),
            ConflictResolution.AlreadyResolved => Problems.Format(StatusCodes.Status409Conflict, ServerText.Conflict_AlreadyResolved, body.ConflictId),
            _ => Problems.Format(StatusCodes.Status400BadRequest, ServerText.Conflict_ValueNotOffered, body.ChosenValue),
        };
    }

    private static IResult ListDuplicates(HttpContext context, CentralStore store, ServerOptions options)
    {
        if (!TryReadLimit(context.Request, out int limit, out var problem))
        {
            return problem!;
        }

        return Results.Ok(store.FindDuplicates(context.RequestAborted).Take(limit).Select(d => new DuplicateResponse(
            d.Kind, ShowIdNumber(d.PersonKey, options), d.TypeCode, d.FirstDivision, d.SecondDivision, d.OverlapStart, d.OverlapEnd, d.Period, d.FirstAmountFen, d.SecondAmountFen)).ToList());
    }

    private static bool TryReadLimit(HttpRequest request, out int limit, out IResult? problem)
    {
        problem = null;
        limit = 100;
        string text = request.Query["limit"].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxListLimit)
        {
            return true;
        }

        problem = Problems.Format(StatusCodes.Status400BadRequest, ServerText.Detail_QueryNumber, "limit", text, 1, MaxListLimit);
        return false;
    }

    private static string ShowIdNumber(string personKey, ServerOptions options) =>
        options.OperatorsSeeFullIdNumbers ? personKey : PersonalDataMasking.MaskIdentity(personKey);

    private const string LogCategory = "Jinbao.Server.Store";

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Import of batch {BatchId} was rejected: {Reason}")]
    private static partial void LogImportRejected(ILogger logger, string batchId, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Import of batch {BatchId} failed in the store")]
    private static partial void LogImportFailed(ILogger logger, string batchId, Exception exception);

    private static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("Jinbao.Server.ConflictReference");
}
