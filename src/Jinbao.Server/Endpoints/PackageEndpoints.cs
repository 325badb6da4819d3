using Jinbao.Exchange.Packages;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Jinbao.Storage;
using Jinbao.Trust.Algorithms;

namespace Jinbao.Server.Endpoints;

/// <summary>
/// Upward-report packages (联网上报) for the operator under <c>/api/v1/packages</c>: receiving a package, which
/// returns the signed receipt, and the inbox and outbox of the package ledger. Every receive is audited.
/// </summary>
internal static class PackageEndpoints
{
    /// <summary>The media type of a signed receipt (CMS SignedData).</summary>
    public const string ReceiptType = "application/pkcs7-mime";

    private const int MaxListLimit = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/packages").WithTags("packages").RequireAuthorization(UserRoles.Operator);
        group.MapPost("/", Receive).WithMetadata(new UploadEndpoint()).DisableAntiforgery();
        group.MapGet("/inbox", (HttpContext context, ServerOptions options) => List(context, options, PackageLedger.Inbound));
        group.MapGet("/outbox", (HttpContext context, ServerOptions options) => List(context, options, PackageLedger.Outbound));
        group.MapGet("/{id:long}/receipt", Receipt);
    }

    /// <summary>The response to a received package.</summary>
    /// <param name="Repeat">Whether the package was accepted before and this is the earlier receipt.</param>
    /// <param name="Receipt">The receipt's content.</param>
    /// <param name="SignedReceipt">The receipt as signed by this node (CMS SignedData, Base64).</param>
    public sealed record ReceiveResponse(bool Repeat, PackageReceipt Receipt, string SignedReceipt);

    /// <summary>A package of the ledger, with the content of its receipt when there is one.</summary>
    public sealed record LedgerItem(long Id, string PackageDigest, string? PackageId, string? Peer, string? Period, string Result, string? Reason, DateTimeOffset At, PackageReceipt? Receipt);

    private static async Task<IResult> Receive(HttpContext context, ServerOptions options, CentralStore store, AuditTrail audit, ILoggerFactory logging)
    {
        if (options.PackageNode is not { } node)
        {
            return Problems.Result(StatusCodes.Status409Conflict, PackageServerText.NodeNotConfigured);
        }

        string user = CurrentUser.Name(context.User);
        string address = CurrentUser.Address(context);
        string incoming = Path.Combine(options.DataDirectory, "packages", "incoming");
        Directory.CreateDirectory(incoming);
        string path = Path.Combine(incoming, Guid.NewGuid().ToString("N") + PackageLayout.FileExtension);
        try
        {
            string digest;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var hash = new Sm3Hash();
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    hash.Append(buffer.AsSpan(0, read));
                    await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                }

                if (file.Length == 0)
                {
                    audit.Record(user, AuditActions.PackageReceive, "", AuditOutcomes.Rejected, address);
                    return Problems.Result(StatusCodes.Status400BadRequest, PackageServerText.BodyEmpty);
                }

                digest = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var receiver = new PackageReceiver(node, store, new PackageLedger(options.DataDirectory), options.DataDirectory, options.Time, logging.CreateLogger("Jinbao.Exchange"));
            var outcome = await Task.Run(() => receiver.Receive(path, digest, context.RequestAborted), context.RequestAborted);
            var receipt = outcome.Receipt;
            string target = $"{receipt.PackageId ?? "-"} {receipt.PackageDigest} {(outcome.IsRepeat ? "repeat" : receipt.Reason ?? receipt.Result)}";
            audit.Record(user, AuditActions.PackageReceive, target, receipt.IsAccepted ? AuditOutcomes.Succeeded : AuditOutcomes.Rejected, address);
            var response = new ReceiveResponse(outcome.IsRepeat, receipt, Convert.ToBase64String(outcome.SignedReceipt));
            if (receipt.IsAccepted)
            {
                return Results.Ok(response);
            }

            return Results.Problem(
                detail: string.Join(" ", receipt.Messages),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: Problems.TitleOf(StatusCodes.Status422UnprocessableEntity),
                extensions: new Dictionary<string, object?> { ["reason"] = receipt.Reason, ["receipt"] = receipt, ["signedReceipt"] = response.SignedReceipt });
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IResult List(HttpContext context, ServerOptions options, string direction)
    {
        int limit = 100;
        if (context.Request.Query["limit"] is { Count: > 0 } text
            && (!int.TryParse(text.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxListLimit))
        {
            return Problems.Format(StatusCodes.Status400BadRequest, PackageServerText.LimitInvalid, text.ToString(), MaxListLimit);
        }

        var entries = new PackageLedger(options.DataDirectory).List(direction, limit);
        return Results.Ok(entries.Select(e => new LedgerItem(e.Id, e.PackageDigest, e.PackageId, e.Peer, e.Period, e.Result, e.Reason, e.At, e.Receipt is null ? null : PackageReceipt.Read(e.Receipt))).ToList());
    }

    private static IResult Receipt(ServerOptions options, long id)
    {
        return new PackageLedger(options.DataDirectory).Find(id) is { Receipt: { } receipt }
            ? Results.Bytes(receipt, ReceiptType, $"receipt-{id}.p7s")
            : Problems.Format(StatusCodes.Status404NotFound, PackageServerText.ReceiptNotFound, id);
    }
}
