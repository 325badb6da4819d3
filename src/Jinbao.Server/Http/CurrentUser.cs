using System.Globalization;
using System.Security.Claims;

namespace Jinbao.Server.Http;

/// <summary>Claims the server puts into a session or token principal, and reading them back.</summary>
internal static class CurrentUser
{
    public const string IdClaim = "jinbao:user-id";
    public const string StampClaim = "jinbao:security-stamp";
    public const string MustChangePasswordClaim = "jinbao:must-change-password";

    /// <summary>The claim of a session whose password was accepted but whose certificate sign-in is still due.</summary>
    public const string CertificatePendingClaim = "jinbao:certificate-pending";

    public static long Id(ClaimsPrincipal user) => long.Parse(user.FindFirstValue(IdClaim)!, CultureInfo.InvariantCulture);

    public static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";
}
