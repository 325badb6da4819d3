namespace Jinbao.Quality.Registry;

/// <summary>The rule ids of registry verification (基础信息核准) findings.</summary>
public static class RegistryRuleIds
{
    /// <summary>The citizen ID number is not in the population registry (error).</summary>
    public const string PersonUnknown = "registry.person-unknown";

    /// <summary>The name differs from the registered name after normalisation (error).</summary>
    public const string NameMismatch = "registry.name-mismatch";

    /// <summary>The sex differs from the registered sex (error).</summary>
    public const string SexMismatch = "registry.sex-mismatch";

    /// <summary>The birth date differs from the registered birth date (error).</summary>
    public const string BirthDateMismatch = "registry.birth-date-mismatch";

    /// <summary>The population registry records the person as dead (warning).</summary>
    public const string PersonDeceased = "registry.person-deceased";

    /// <summary>The credit code is not in the legal-entity registry (error).</summary>
    public const string EmployerUnknown = "registry.employer-unknown";

    /// <summary>The employer's name differs from the registered name after normalisation (error).</summary>
    public const string EmployerNameMismatch = "registry.employer-name-mismatch";

    /// <summary>The legal-entity registry records the employer as deregistered (注销) or revoked (吊销) (warning).</summary>
    public const string EmployerClosed = "registry.employer-closed";

    /// <summary>A benefit was paid for a month after the death month the population registry records (error).</summary>
    public const string PaidAfterDeath = "registry.paid-after-death";

    /// <summary>A contribution is for a period that starts after the employer's deregistration or revocation date (error).</summary>
    public const string ContributionAfterClosure = "registry.contribution-after-closure";
}
