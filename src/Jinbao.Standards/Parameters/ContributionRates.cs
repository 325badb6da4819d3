namespace Jinbao.Standards.Parameters;

/// <summary>The employer and personal contribution rates of one insurance type, in percent of the base; <see langword="null"/> when not checked.</summary>
public readonly record struct ContributionRates(decimal? EmployerRate, decimal? PersonalRate);
