using System.Globalization;
using System.Security.Claims;
using Jinbao.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Jinbao.Server.Http;

/// <summary>
/// The session cookie: HttpOnly, SameSite=Strict, Secure whenever the request came over HTTPS, and
/// ended after the idle timeout. API requests get 401/403 instead of a redirect to the sign-in page.
/// </summary>
internal static class SessionAuthentication
{
    public const string Scheme = "jinbao.session";
    public const string CookieName = "jinbao.session";

    /// <summary>The default scheme: an API token when the request carries one, else the session cookie.</summary>
    public const string PolicyScheme = "jinbao";

    public static void Configure(CookieAuthenticationOptions cookie, ServerOptions options)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        // NOTE: on plain HTTP (the loopback default) the cookie cannot carry Secure; behind HTTPS it always does.
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = options.IdleTimeout;
        cookie.TimeProvider = options.Time;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/";
        cookie.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        cookie.Events.OnValidatePrincipal = Validate;
    }

    public static ClaimsIdentity CreateIdentity(UserAccount account, string scheme, bool certificatePending = false)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.Role, UserRoles.ToName(account.Role)),
            new(CurrentUser.IdClaim, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(CurrentUser.StampClaim, account.SecurityStamp),
        };
        if (account.MustChangePassword)
        {
            claims.Add(new Claim(CurrentUser.MustChangePasswordClaim, "true"));
        }

        if (certificatePending)
        {
            claims.Add(new Claim(CurrentUser.CertificatePendingClaim, "true"));
        }

        return new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role);
    }

    // A session ends when its account is gone or disabled, or its password or role changed since sign-in.
    private static async Task Validate(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        string? idText = context.Principal?.FindFirstValue(CurrentUser.IdClaim);
        string? stamp = context.Principal?.FindFirstValue(CurrentUser.StampClaim);
        if (idText is null || !long.TryParse(idText, CultureInfo.InvariantCulture, out long id) || accounts.Find(id) is not { Disabled: false } account || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
