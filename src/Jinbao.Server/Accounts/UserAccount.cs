namespace Jinbao.Server.Accounts;

/// <summary>A user account of the console and API.</summary>
/// <param name="Id">The database id.</param>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name shown in the console and the audit trail.</param>
/// <param name="Role">The one role the account holds.</param>
/// <param name="MustChangePassword">Whether the account still has a one-time password, which allows nothing but changing it.</param>
/// <param name="SecurityStamp">A random value renewed when the password, role or state changes, so older sessions end.</param>
/// <param name="LockedUntil">The end of a lock-out after repeated failed sign-ins, or <see langword="null"/>.</param>
/// <param name="Disabled">Whether an administrator has disabled the account.</param>
/// <param name="CreatedAt">When the account was created.</param>
public sealed record UserAccount(
    long Id,
    string UserName,
    string DisplayName,
    UserRole Role,
    bool MustChangePassword,
    string SecurityStamp,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    DateTimeOffset CreatedAt);
