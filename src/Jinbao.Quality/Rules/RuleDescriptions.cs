using System.Resources;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Rules;

/// <summary>The short Chinese description of each rule, from the <c>Rule_*</c> resources.</summary>
internal static class RuleDescriptions
{
    private static readonly ResourceManager Resources = Messages.ResourceManager;

    /// <summary>Returns the rule's description in the current UI culture.</summary>
    public static string Describe(RuleId id) =>
        Resources.GetString("Rule_" + id, Messages.Culture) ?? RuleIds.Name(id);
}
