using System.Globalization;
using System.Text.RegularExpressions;
using Jinbao.Server.Accounts;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Endpoints;

/// <summary>Account management for the administrator under <c>/api/v1/users</c>.</summary>
internal static partial class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("users").RequireAuthorization(UserRoles.Administrator);
        group.MapGet("/", List);
        group.MapPost("/", Create).Accepts<CreateUserRequest>(JsonBody.ContentType);
        group.MapPost("/{id:long}/unlock", Unlock);
        group.MapPost("/{id:long}/disable", (HttpContext context, AccountService accounts, CertificateBindings bindings, long id) => SetDisabled(context, accounts, bindings, id, disabled: true));
        group.MapPost("/{id:long}/enable", (HttpContext context, AccountService accounts, CertificateBindings bindings, long id) => SetDisabled(context, accounts, bindings, id, disabled: false));
        group.MapPost("/{id:long}/password", ResetPassword).Accepts<ResetPasswordRequest>(JsonBody.ContentType);
    }

    public sealed record UserResponse(long Id, string UserName, string DisplayName, string Role, string RoleName, bool MustChangePassword, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
    {
        /// <summary>The bound certificate (绑定证书), or null when none is bound.</summary>
        public CertificateBindingEndpoints.BoundCertificateResponse? Certificate { get; init; }
    }

    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Role, string? Password);

    public sealed record ResetPasswordRequest(string? Password);

    private static IResult List(AccountService accounts, CertificateBindings bindings) => Results.Ok(accounts.List().Select(a => ToResponse(a, bindings)));

    private static async Task<IResult> Create(HttpContext context, AccountService accounts, CertificateBindings bindings)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateUserRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        string userName = request!.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(userName))
        {
            return Problems.Format(StatusCodes.Status400BadRequest, ServerText.User_NameInvalid, userName);
        }

        if (!UserRoles.TryParse(request.Role, out var role))
        {
            return Problems.Format(StatusCodes.Status400BadRequest, ServerText.User_RoleInvalid, request.Role ?? "");
        }

        string displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim();
        if (displayName.Length > 50)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.User_DisplayNameTooLong);
        }

        if (accounts.FindByName(userName) is not null)
        {
            return Problems.Format(StatusCodes.Status409Conflict, ServerText.User_NameTaken, userName);
        }

        var (account, error) = accounts.Create(userName, displayName, role, request.Password ?? "", CurrentUser.Name(context.User), CurrentUser.Address(context));
        return account is null
            ? Problems.Result(StatusCodes.Status400BadRequest, error!)
            : Results.Created($"/api/v1/users/{account.Id}", ToResponse(account, bindings));
    }

    private static IResult Unlock(HttpContext context, AccountService accounts, CertificateBindings bindings, long id)
    {
        if (accounts.Find(id) is null)
        {
            return NotFound(id);
        }

        accounts.Unlock(id, CurrentUser.Name(context.User), CurrentUser.Address(context));
        return Results.Ok(ToResponse(accounts.Find(id)!, bindings));
    }

    private static IResult SetDisabled(HttpContext context, AccountService accounts, CertificateBindings bindings, long id, bool disabled)
    {
        if (accounts.Find(id) is not { } account)
        {
            return NotFound(id);
        }

        // The auditor oversees the administrator, so the administrator cannot silence an auditor.
        if (disabled && account.Role == UserRole.Auditor)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, ServerText.User_AuditorProtected);
        }

        if (id == CurrentUser.Id(context.User))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.User_CannotDisableSelf);
        }

        accounts.SetDisabled(id, disabled, CurrentUser.Name(context.User), CurrentUser.Address(context));
        return Results.Ok(ToResponse(accounts.Find(id)!, bindings));
    }

    private static async Task<IResult> ResetPassword(HttpContext context, AccountService accounts, CertificateBindings bindings, long id)
    {
        var (request, problem) = await JsonBody.ReadAsync<ResetPasswordRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (accounts.Find(id) is not { } account)
        {
            return NotFound(id);
        }

        // Choosing an auditor's password would let the administrator read the audit trail as that auditor.
        if (account.Role == UserRole.Auditor)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, ServerText.User_AuditorProtected);
        }

        return accounts.ResetPassword(id, request!.Password ?? "", CurrentUser.Name(context.User), CurrentUser.Address(context)) is { } reason
            ? Problems.Result(StatusCodes.Status400BadRequest, reason)
            : Results.Ok(ToResponse(accounts.Find(id)!, bindings));
    }

    private static IResult NotFound(long id) => Problems.Result(StatusCodes.Status404NotFound, string.Format(CultureInfo.CurrentCulture, ServerText.User_NotFound, id));

    private static UserResponse ToResponse(UserAccount a, CertificateBindings bindings) =>
        new(a.Id, a.UserName, a.DisplayName, UserRoles.ToName(a.Role), UserRoles.DisplayName(a.Role), a.MustChangePassword, a.Disabled, a.LockedUntil, a.CreatedAt)
        {
            Certificate = CertificateBindingEndpoints.ToResponse(bindings.Find(a.Id)),
        };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{2,31}$")]
    private static partial Regex UserNamePattern();
}
