using Jinbao.Server.Resources;

namespace Jinbao.Server.Accounts;

/// <summary>The text forms of <see cref="UserRole"/>: the claim value and API name, and the Chinese name.</summary>
internal static class UserRoles
{
    public const string Administrator = "administrator";
    public const string Auditor = "auditor";
    public const string Operator = "operator";

    public static string ToName(UserRole role) => role switch
    {
        UserRole.Administrator => Administrator,
        UserRole.Auditor => Auditor,
        UserRole.Operator => Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static bool TryParse(string? name, out UserRole role)
    {
        switch (name)
        {
            case Administrator:
                role = UserRole.Administrator;
                return true;
            case Auditor:
                role = UserRole.Auditor;
                return true;
            case Operator:
                role = UserRole.Operator;
                return true;
            default:
                role = default;
                return false;
        }
    }

    public static string DisplayName(UserRole role) => role switch
    {
        UserRole.Administrator => ServerText.Role_Administrator,
        UserRole.Auditor => ServerText.Role_Auditor,
        _ => ServerText.Role_Operator,
    };
}
