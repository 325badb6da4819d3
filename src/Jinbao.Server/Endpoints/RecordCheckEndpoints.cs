using System.Collections.Frozen;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Jinbao.Server.Accounts;
using Jinbao.Server.Batches;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Jinbao.Standards;

namespace Jinbao.Server.Endpoints;

/// <summary>
/// The real-time check of a single record at <c>/api/v1/records/check</c>: the record rules of every
/// dataset are loaded at start, so a request reads no file.
/// </summary>
internal static class RecordCheckEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/records/check", Check).Accepts<RecordCheckRequest>(JsonBody.ContentType).WithTags("records").RequireAuthorization(UserRoles.Operator);
    }

    public sealed record RecordCheckRequest(string? Dataset, Dictionary<string, string?>? Fields);

    public sealed record RecordCheckResponse(string Dataset, bool Passed, IReadOnlyList<Finding> Findings, IReadOnlyList<string> IgnoredFields);

    /// <summary>The warm checkers, one per dataset.</summary>
    internal sealed class Checkers(TimeProvider time)
    {
        public FrozenDictionary<string, RecordCheck> ByDataset { get; } =
            StandardsCatalog.Default.Datasets.ToFrozenDictionary(d => d.Id, d => RecordCheck.Create(d.Id, rulesFile: null, time));
    }

    private static async Task<IResult> Check(HttpContext context, Checkers checkers)
    {
        var (request, problem) = await JsonBody.ReadAsync<RecordCheckRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (request!.Dataset is not { } dataset || !checkers.ByDataset.TryGetValue(dataset, out var check))
        {
            string choices = string.Join("、", StandardsCatalog.Default.Datasets.Select(d => $"{d.Id}（{d.Name}）"));
            return Problems.Format(StatusCodes.Status400BadRequest, ServerText.Upload_DatasetUnknown, request.Dataset ?? "", choices);
        }

        if (request.Fields is not { Count: > 0 } fields)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Record_NoFields);
        }

        var result = check.Check(fields);
        return Results.Json(new RecordCheckResponse(dataset, result.Passed, result.Findings, result.IgnoredFields), FindingJson.Options);
    }
}
