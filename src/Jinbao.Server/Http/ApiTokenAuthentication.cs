using System.Security.Claims;
using System.Text.Encodings.Web;
using Jinbao.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Jinbao.Server.Http;

/// <summary>Authenticates <c>Authorization: Bearer jbt_…</c> requests against <see cref="ApiTokenStore"/>.</summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenStore tokens,
    AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "jinbao.token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (tokens.FindUser(header["Bearer ".Length..].Trim()) is not { } id || accounts.Find(id) is not { Disabled: false, MustChangePassword: false } account)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown or revoked token."));
        }

        var principal = new ClaimsPrincipal(SessionAuthentication.CreateIdentity(account, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
