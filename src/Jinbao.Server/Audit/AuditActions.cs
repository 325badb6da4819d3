namespace Jinbao.Server.Audit;

/// <summary>The actions recorded in the audit trail, as stored and searched.</summary>
internal static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string CertificateSignIn = "certificate-sign-in";
    public const string CertificateBind = "certificate-bind";
    public const string CertificateUnbind = "certificate-unbind";
    public const string SignOut = "sign-out";
    public const string PasswordChange = "password-change";
    public const string PasswordReset = "password-reset";
    public const string UserCreate = "user-create";
    public const string UserDisable = "user-disable";
    public const string UserEnable = "user-enable";
    public const string UserUnlock = "user-unlock";
    public const string TokenCreate = "token-create";
    public const string Upload = "upload";
    public const string Import = "import";
    public const string ConflictDecision = "conflict-decision";
    public const string PersonLookup = "person-lookup";
    public const string PackageReceive = "package-receive";
}

/// <summary>The outcomes recorded in the audit trail.</summary>
internal static class AuditOutcomes
{
    public const string Succeeded = "succeeded";
    public const string WrongPassword = "wrong-password";
    public const string UnknownUser = "unknown-user";
    public const string LockedOut = "locked-out";
    public const string Disabled = "disabled";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string NotFound = "not-found";
}

/// <summary>Actors and addresses of acts the server does itself.</summary>
internal static class AuditActors
{
    public const string System = "system";
    public const string LocalConsole = "local-console";
}
