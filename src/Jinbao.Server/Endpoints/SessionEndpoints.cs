using System.Globalization;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Jinbao.Server.Endpoints;

/// <summary>Sign-in, sign-out, the anti-forgery token, password change and API tokens under <c>/api/v1/session</c>.</summary>
internal static class SessionEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/session").WithTags("session");
        group.MapGet("/antiforgery", IssueAntiforgeryToken).AllowAnonymous();
        group.MapPost("/", SignIn).Accepts<SignInRequest>(JsonBody.ContentType).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        group.MapGet("/", Describe).AllowAnonymous();
        group.MapDelete("/", SignOut).RequireAuthorization();
        group.MapGet("/challenge", IssueChallenge).RequireAuthorization();
        group.MapPost("/certificate", SignInWithCertificate).Accepts<CertificateSignInRequest>(JsonBody.ContentType).RequireAuthorization();
        group.MapPost("/password", ChangePassword).Accepts<PasswordChangeRequest>(JsonBody.ContentType).RequireAuthorization().RequireRateLimiting(SignInRateLimit);
        group.MapPost("/tokens", CreateToken).Accepts<TokenRequest>(JsonBody.ContentType).RequireAuthorization(UserRoles.Operator);
    }

    public sealed record SignInRequest(string? UserName, string? Password);

    public sealed record SessionResponse(bool SignedIn, string UserName, string DisplayName, string Role, string RoleName, bool MustChangePassword, bool CertificateRequired = false);

    public sealed record ChallengeResponse(string Id, string Challenge, DateTimeOffset ExpiresAt);

    public sealed record CertificateSignInRequest(string? ChallengeId, string? Signature, IReadOnlyList<string>? Certificates);

    public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

    public sealed record TokenRequest(string? Name);

    public sealed record TokenResponse(string Token, string Name);

    public sealed record AntiforgeryResponse(string Token, string HeaderName);

    private static AntiforgeryResponse IssueAntiforgeryToken(HttpContext context, IAntiforgery antiforgery) =>
        new(antiforgery.GetAndStoreTokens(context).RequestToken!, RequestGuards.AntiforgeryHeader);

    private static async Task<IResult> SignIn(HttpContext context, AccountService accounts, ServerOptions options)
    {
        var (request, problem) = await JsonBody.ReadAsync<SignInRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(request!.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.SignIn_Missing);
        }

        var (outcome, account) = accounts.SignIn(request.UserName.Trim(), request.Password, CurrentUser.Address(context));
        switch (outcome)
        {
            case SignInOutcome.LockedOut:
                return Problems.Result(StatusCodes.Status403Forbidden, string.Format(CultureInfo.CurrentCulture, ServerText.SignIn_LockedOut, (int)Math.Ceiling(options.LockoutDuration.TotalMinutes)));
            case SignInOutcome.Disabled:
                return Problems.Result(StatusCodes.Status403Forbidden, ServerText.SignIn_Disabled);
            case SignInOutcome.InvalidCredentials:
                return Problems.Result(StatusCodes.Status401Unauthorized, ServerText.SignIn_Invalid);
        }

        bool certificateDue = options.CertificateSignIn is not null;
        await SignInAsync(context, account!, certificateDue);
        return Results.Ok(ToResponse(account!) with { CertificateRequired = certificateDue });
    }

    private static IResult IssueChallenge(HttpContext context, ServerOptions options)
    {
        if (options.CertificateSignIn is not { } challenges)
        {
            return Problems.Result(StatusCodes.Status404NotFound, ServerText.Certificate_NotConfigured);
        }

        var challenge = challenges.Issue(ChallengeOwner(context));
        return Results.Ok(new ChallengeResponse(challenge.Id, Convert.ToBase64String(challenge.Value), challenge.ExpiresAt));
    }

    private static async Task<IResult> SignInWithCertificate(HttpContext context, AccountService accounts, CertificateBindings bindings, AuditTrail audit, ServerOptions options)
    {
        if (options.CertificateSignIn is not { } challenges)
        {
            return Problems.Result(StatusCodes.Status404NotFound, ServerText.Certificate_NotConfigured);
        }

        var (request, problem) = await JsonBody.ReadAsync<CertificateSignInRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        string user = CurrentUser.Name(context.User);
        string address = CurrentUser.Address(context);
        if (string.IsNullOrEmpty(request!.ChallengeId) || string.IsNullOrEmpty(request.Signature) || request.Certificates is not { Count: > 0 } encoded || encoded.Any(string.IsNullOrEmpty))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Certificate_Missing);
        }

        byte[] signature;
        List<Org.BouncyCastle.X509.X509Certificate> certificates;
        try
        {
            signature = Convert.FromBase64String(request.Signature);
            certificates = [.. encoded.Select(text => Jinbao.Trust.Pki.CertificateFiles.Read(System.Text.Encoding.UTF8.GetBytes(text), "certificate"))];
        }
        catch (Exception ex) when (ex is FormatException or Jinbao.Trust.Pki.TrustException)
        {
            audit.Record(user, AuditActions.CertificateSignIn, user, AuditOutcomes.Rejected, address);
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Certificate_Unreadable);
        }

        var result = challenges.Verify(ChallengeOwner(context), request.ChallengeId, signature, certificates[0], certificates.Skip(1));
        var problems = result.Problems.ToList();
        if (problems.Count == 0 && !CertificateBindings.IsHeldBy(certificates[0], user, out string holder))
        {
            problems.Add(string.Format(CultureInfo.CurrentCulture, ServerText.Certificate_OtherHolder, holder, user));
        }

        var account = accounts.Find(CurrentUser.Id(context.User))!;
        if (problems.Count == 0 && bindings.SignInProblem(account, certificates[0]) is { } bindingProblem)
        {
            problems.Add(bindingProblem);
        }

        if (problems.Count > 0)
        {
            audit.Record(user, AuditActions.CertificateSignIn, certificates[0].SerialNumber.ToString(16), AuditOutcomes.Rejected, address);
            return Problems.Format(StatusCodes.Status401Unauthorized, ServerText.Certificate_Rejected, Jinbao.Trust.Pki.ChainVerificationResult.JoinSentences(problems));
        }

        audit.Record(user, AuditActions.CertificateSignIn, certificates[0].SerialNumber.ToString(16), AuditOutcomes.Succeeded, address);
        await SignInAsync(context, account, certificatePending: false);
        return Results.Ok(ToResponse(account));
    }

    // An anonymous caller gets 200 with signedIn false, so the console can ask without an error in the browser's log.
    // A password-only session reports certificateRequired, so a reloaded console returns to the certificate step.
    private static IResult Describe(HttpContext context, AccountService accounts) =>
        context.User.Identity?.IsAuthenticated == true && accounts.Find(CurrentUser.Id(context.User)) is { } account
            ? Results.Ok(ToResponse(account) with { CertificateRequired = IsCertificatePending(context) })
            : Results.Ok(new SessionResponse(false, "", "", "", "", false));

    private static async Task<IResult> SignOut(HttpContext context, AuditTrail audit)
    {
        audit.Record(CurrentUser.Name(context.User), AuditActions.SignOut, CurrentUser.Name(context.User), AuditOutcomes.Succeeded, CurrentUser.Address(context));
        await context.SignOutAsync(SessionAuthentication.Scheme);
        return Results.NoContent();
    }

    private static async Task<IResult> ChangePassword(HttpContext context, AccountService accounts)
    {
        var (request, problem) = await JsonBody.ReadAsync<PasswordChangeRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(request!.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Password_Missing);
        }

        long id = CurrentUser.Id(context.User);
        if (accounts.ChangePassword(id, request.CurrentPassword, request.NewPassword, CurrentUser.Address(context)) is { } reason)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, reason);
        }

        // The security stamp changed, so the session is renewed with the new one.
        var account = accounts.Find(id)!;
        bool certificatePending = IsCertificatePending(context);
        await SignInAsync(context, account, certificatePending);
        return Results.Ok(ToResponse(account) with { CertificateRequired = certificatePending });
    }

    private static async Task<IResult> CreateToken(HttpContext context, AccountService accounts, ApiTokenStore tokens)
    {
        var (request, problem) = await JsonBody.ReadAsync<TokenRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        string name = request!.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Token_NameInvalid);
        }

        var account = accounts.Find(CurrentUser.Id(context.User))!;
        return Results.Ok(new TokenResponse(tokens.Create(account, name, CurrentUser.Address(context)), name));
    }

    private static string ChallengeOwner(HttpContext context) => CurrentUser.Id(context.User).ToString(CultureInfo.InvariantCulture);

    private static bool IsCertificatePending(HttpContext context) => context.User.HasClaim(c => c.Type == CurrentUser.CertificatePendingClaim);

    private static Task SignInAsync(HttpContext context, UserAccount account, bool certificatePending) =>
        context.SignInAsync(SessionAuthentication.Scheme, new System.Security.Claims.ClaimsPrincipal(SessionAuthentication.CreateIdentity(account, SessionAuthentication.Scheme, certificatePending)));

    private static SessionResponse ToResponse(UserAccount account) =>
        new(true, account.UserName, account.DisplayName, UserRoles.ToName(account.Role), UserRoles.DisplayName(account.Role), account.MustChangePassword);
}
