namespace Jinbao.Quality.Rules;

/// <summary>The integer parameters that rule files may set, and their limits.</summary>
internal static class RuleParameters
{
    /// <summary>The lowest age in years that <c>person.age-range</c> accepts without a finding.</summary>
    public const string MinAge = "minAge";

    /// <summary>The highest age in years that <c>person.age-range</c> accepts without a finding.</summary>
    public const string MaxAge = "maxAge";

    /// <summary>The lowest value a rule file may give <see cref="MinAge"/>.</summary>
    public const int LowestAge = 0;

    /// <summary>The highest value a rule file may give <see cref="MaxAge"/>, above any recorded human age.</summary>
    public const int HighestAge = 150;

    // The ages RecordChecker uses for a parameter that no rule file sets.
    public const int DefaultMinAge = 0;
    public const int DefaultMaxAge = 120;

    private static readonly string[] AgeRangeNames = [MinAge, MaxAge];

    /// <summary>Returns the parameter names that the rule accepts. Only <c>person.age-range</c> has any.</summary>
    public static IReadOnlyList<string> Names(RuleId id) => id == RuleId.PersonAgeRange ? AgeRangeNames : [];
}
