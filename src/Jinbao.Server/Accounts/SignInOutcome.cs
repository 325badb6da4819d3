namespace Jinbao.Server.Accounts;

/// <summary>The result of a sign-in attempt.</summary>
internal enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}
