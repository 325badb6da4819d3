using Jinbao.Server.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Jinbao.Server.Http;

/// <summary>
/// Middleware run after authentication: the request size limit of the endpoint, the anti-forgery
/// check of state-changing API requests made with the session cookie, and the gate that lets an
/// account with a one-time password do nothing but change it.
/// </summary>
internal static class RequestGuards
{
    /// <summary>The header that carries the anti-forgery request token.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var options = context.RequestServices.GetRequiredService<ServerOptions>();
        var metadata = context.GetEndpoint()?.Metadata;
        long limit = metadata?.GetMetadata<UploadEndpoint>() is not null ? options.MaxUploadBytes : Math.Max(options.MaxJsonBytes, metadata?.GetMetadata<MinimumBodyLimit>()?.Bytes ?? 0);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (request.ContentLength > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Problems.TooLarge(context)).ConfigureAwait(false);
            return;
        }

        // Routing matches paths case-insensitively, so "/API/v1/users" reaches the same endpoint and must meet the same guards.
        bool isApi = request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        bool usesToken = context.User.Identity?.AuthenticationType == ApiTokenAuthentication.SchemeName;
        if (isApi && !usesToken && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method))
        {
            // The token must come in the header: without it the anti-forgery service would read a whole multipart form to look for it.
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!request.Headers.ContainsKey(AntiforgeryHeader) || !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, ServerText.Detail_Antiforgery).ConfigureAwait(false);
                return;
            }
        }

        // Without the certificate a session may change only a one-time password. Otherwise the password alone
        // could replace the owner's password and end the owner's sessions.
        bool mustChangePassword = context.User.HasClaim(c => c.Type == CurrentUser.MustChangePasswordClaim);
        if (isApi && context.User.HasClaim(c => c.Type == CurrentUser.CertificatePendingClaim) && !IsSignInStep(request.Path, mayChangePassword: mustChangePassword))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ServerText.Detail_CertificatePending).ConfigureAwait(false);
            return;
        }

        if (isApi && mustChangePassword && !IsSignInStep(request.Path, mayChangePassword: true))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ServerText.Detail_MustChangePassword).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    // Returns whether a half-signed-in session may call the path. Token creation is excluded because an API
    // token is a full credential, so creating one before the sign-in ends would skip the open step.
    private static bool IsSignInStep(PathString path, bool mayChangePassword) =>
        path.StartsWithSegments("/api/v1/session", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/v1/session/tokens", StringComparison.OrdinalIgnoreCase)
        && (mayChangePassword || !path.StartsWithSegments("/api/v1/session/password", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Endpoint metadata: the endpoint takes an extract upload, so the upload size limit applies instead of the JSON one.</summary>
internal sealed class UploadEndpoint;

/// <summary>Endpoint metadata: the JSON limit of this endpoint is at least <paramref name="Bytes"/>, whatever the server's JSON limit is.</summary>
internal sealed record MinimumBodyLimit(long Bytes);
