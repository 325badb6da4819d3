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

    /// <summary>
    /// The province (first two GB/T 2260 digits) whose base limits <c>contribution.base-range</c>
    /// applies when the credit code gives none; 0 leaves such records unchecked.
    /// </summary>
    public const string DefaultProvince = "defaultProvince";

    /// <summary>The difference in fen (0.01 yuan) that <c>contribution.amount-mismatch</c> allows per amount for rounding.</summary>
    public const string ToleranceFen = "toleranceFen";

    /// <summary>The age in years below which <c>benefit.pension-age</c> reports a pension paid to a man.</summary>
    public const string MenAge = "menAge";

    /// <summary>The age in years below which <c>benefit.pension-age</c> reports a pension paid to a woman.</summary>
    public const string WomenAge = "womenAge";

    private static readonly string[] AgeRangeNames = [MinAge, MaxAge];

    // Each business-rule parameter with its default and its allowed range, both inclusive.
    private static readonly (RuleId Rule, string Name, int Default, int Lowest, int Highest)[] BusinessParameters =
    [
        (RuleId.ContributionBaseRange, DefaultProvince, 0, 0, 82),
        (RuleId.ContributionAmountMismatch, ToleranceFen, 1, 0, 10000),

        // Before 2025 men retired at 60 and women at 50 (workers) or 55 (cadres). The gradual raise
        // from 2025 lets a person retire up to three years early, but never below those ages, so
        // 60 and 50 stay the lowest ages at which an ordinary basic pension starts.
        (RuleId.BenefitPensionAge, MenAge, 60, 40, 70),
        (RuleId.BenefitPensionAge, WomenAge, 50, 40, 70),
    ];

    /// <summary>Returns the parameter names that the rule accepts.</summary>
    public static IReadOnlyList<string> Names(RuleId id) =>
        id == RuleId.PersonAgeRange
            ? AgeRangeNames
            : BusinessParameters.Where(p => p.Rule == id).Select(p => p.Name).ToArray();

    /// <summary>Returns the default of a business-rule parameter.</summary>
    public static int Default(RuleId id, string name) =>
        BusinessParameters.First(p => p.Rule == id && p.Name == name).Default;

    /// <summary>The business-rule parameters with their allowed ranges, for validating rule files.</summary>
    public static IEnumerable<(RuleId Rule, string Name, int Default, int Lowest, int Highest)> Ranges => BusinessParameters;
}
