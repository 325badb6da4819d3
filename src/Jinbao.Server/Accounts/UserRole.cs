namespace Jinbao.Server.Accounts;

/// <summary>
/// The three separate roles (三员分立). None holds another's rights: the administrator manages
/// accounts, the auditor reads the audit trail, the operator works with data.
/// </summary>
public enum UserRole
{
    /// <summary>系统管理员: creates, unlocks and disables accounts.</summary>
    Administrator,

    /// <summary>安全审计员: reads the audit trail.</summary>
    Auditor,

    /// <summary>业务操作员: uploads, checks and imports extracts and resolves conflicts.</summary>
    Operator,
}
