using System.Globalization;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Jinbao.Trust.Pki;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Server.Endpoints;

/// <summary>
/// Binding a staff signing certificate to an account (绑定证书) under <c>/api/v1/users/{name}/certificate</c>,
/// for the administrator. A bound account completes certificate sign-in only with that certificate.
/// </summary>
internal static class CertificateBindingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("users").RequireAuthorization(UserRoles.Administrator);
        // The body is read whatever its Content-Type, because browsers and curl label certificate files differently.
        group.MapPut("/{name}/certificate", Bind);
        group.MapDelete("/{name}/certificate", Unbind);
    }

    /// <summary>The bound certificate as the user list shows it.</summary>
    public sealed record BoundCertificateResponse(string Subject, string Issuer, string SerialNumber, string Fingerprint, DateTimeOffset NotAfter, DateTimeOffset BoundAt);

    public static BoundCertificateResponse? ToResponse(CertificateBinding? binding) =>
        binding is null ? null : new(binding.Subject, binding.Issuer, binding.SerialNumber, binding.Fingerprint, binding.NotAfter, binding.BoundAt);

    private static async Task<IResult> Bind(HttpContext context, string name, AccountService accounts, CertificateBindings bindings, AuditTrail audit, ServerOptions options)
    {
        if (accounts.FindByName(name) is not { } account)
        {
            return Problems.Format(StatusCodes.Status404NotFound, CertificateBindingText.UserNotFound, name);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, CertificateBindingText.BodyMissing);
        }

        string actor = CurrentUser.Name(context.User);
        string address = CurrentUser.Address(context);
        IReadOnlyList<X509Certificate> certificates;
        try
        {
            certificates = CertificateFiles.ReadAll(buffer.ToArray(), "certificate");
        }
        catch (TrustException)
        {
            audit.Record(actor, AuditActions.CertificateBind, account.UserName, AuditOutcomes.Rejected, address);
            return Problems.Result(StatusCodes.Status400BadRequest, CertificateBindingText.Unreadable);
        }

        if (certificates.Count == 0)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, CertificateBindingText.BodyMissing);
        }

        var certificate = certificates[0];
        string target = $"{account.UserName} ({CertificateBindings.SerialNumber(certificate)})";
        if (Rejection(certificate, certificates.Skip(1), account, options) is { } problem)
        {
            audit.Record(actor, AuditActions.CertificateBind, target, AuditOutcomes.Rejected, address);
            return Problems.Result(StatusCodes.Status400BadRequest, problem);
        }

        var binding = bindings.Bind(account.Id, certificate, actor);
        // Sessions that passed the certificate step with another certificate end here.
        accounts.EndSessions(account.Id);
        audit.Record(actor, AuditActions.CertificateBind, target, AuditOutcomes.Succeeded, address);
        return Results.Ok(ToResponse(binding));
    }

    private static IResult Unbind(HttpContext context, string name, AccountService accounts, CertificateBindings bindings, AuditTrail audit)
    {
        if (accounts.FindByName(name) is not { } account)
        {
            return Problems.Format(StatusCodes.Status404NotFound, CertificateBindingText.UserNotFound, name);
        }

        if (bindings.Unbind(account.Id) is not { } removed)
        {
            return Problems.Format(StatusCodes.Status404NotFound, CertificateBindingText.NoneBound, account.UserName);
        }

        audit.Record(CurrentUser.Name(context.User), AuditActions.CertificateUnbind, $"{account.UserName} ({removed.SerialNumber})", AuditOutcomes.Succeeded, CurrentUser.Address(context));
        return Results.NoContent();
    }

    // Returns the Chinese reason the certificate cannot be bound to the account, or null. Without certificate
    // sign-in there are no trust anchors or CRLs, so only the validity period and the clientAuth use are checked.
    private static string? Rejection(X509Certificate certificate, IEnumerable<X509Certificate> intermediates, UserAccount account, ServerOptions options)
    {
        try
        {
            _ = Sm2Signing.PublicKeyOf(certificate);
        }
        catch (TrustException)
        {
            return string.Format(CultureInfo.CurrentCulture, CertificateBindingText.NotSm2, certificate.SubjectDN);
        }

        // The sign-in matches the single common name against the user name, so any other certificate could never be used.
        if (!CertificateBindings.IsHeldBy(certificate, account.UserName, out string holder))
        {
            return string.Format(CultureInfo.CurrentCulture, CertificateBindingText.OtherHolder, holder, account.UserName);
        }

        var problems = options.CertificateSignIn is { } signIn
            ? signIn.CheckCertificate(certificate, intermediates)
            : ChainVerifier.CheckEndEntity(certificate, CertificateUse.ClientAuthentication, options.Time.GetUtcNow().UtcDateTime);
        return problems.Count == 0
            ? null
            : string.Format(CultureInfo.CurrentCulture, CertificateBindingText.Rejected, ChainVerificationResult.JoinSentences(problems));
    }
}
