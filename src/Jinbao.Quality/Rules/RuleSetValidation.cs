using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Rules;

/// <summary>
/// Checks the settings that result from the shipped file and an override together: values that
/// are each well formed but would hide findings or make a rule meaningless.
/// </summary>
internal static class RuleSetValidation
{
    /// <summary>Rejects settings under which the score or a rule would be meaningless, naming <paramref name="fileName"/> as the file to correct.</summary>
    /// <exception cref="RuleFileException">No rule is enabled, a measured dimension has weight 0, the weights overflow, or the age range or another parameter is out of range.</exception>
    public static void Validate(string fileName, IReadOnlyList<RuleSetting?> settings, IReadOnlyDictionary<QualityDimension, double> weights)
    {
        var enabled = Enumerable.Range(0, settings.Count)
            .Where(i => settings[i] is { Enabled: true })
            .Select(i => (Id: (RuleId)i, Setting: settings[i]!))
            .ToList();
        if (enabled.Count == 0)
        {
            throw RuleFileErrors.Invalid(fileName, Messages.RuleFileNoRuleEnabled);
        }

        CheckWeights(fileName, enabled, weights);

        if (settings[(int)RuleId.PersonAgeRange] is { } ageRange)
        {
            CheckAgeRange(fileName, ageRange);
        }

        CheckBusinessParameters(fileName, settings);
    }

    private static void CheckBusinessParameters(string fileName, IReadOnlyList<RuleSetting?> settings)
    {
        foreach (var (rule, name, fallback, lowest, highest) in RuleParameters.Ranges)
        {
            if (settings[(int)rule] is not { } setting)
            {
                continue;
            }

            int value = setting.Parameters.GetValueOrDefault(name, fallback);
            if (value < lowest || value > highest)
            {
                throw RuleFileErrors.Invalid(fileName, Messages.RuleFileParameterOutOfRange, RuleIds.Name(rule), name, lowest, highest, value);
            }
        }
    }

    private static void CheckWeights(string fileName, List<(RuleId Id, RuleSetting Setting)> enabled, IReadOnlyDictionary<QualityDimension, double> weights)
    {
        // The score divides by the sum of the measured dimensions' weights, which must stay finite.
        if (!double.IsFinite(weights.Values.Sum()))
        {
            throw RuleFileErrors.Invalid(fileName, Messages.RuleFileWeightSumTooLarge);
        }

        // With no positive weight the score is 100 whatever is found.
        var measured = enabled.Select(rule => rule.Setting.Dimension).Distinct().Order().ToList();
        if (!measured.Any(dimension => weights.GetValueOrDefault(dimension) > 0))
        {
            throw RuleFileErrors.Invalid(fileName, Messages.RuleFileNoWeight, RuleFileErrors.List(measured.Select(d => d.ToString())));
        }

        // A rule counted against a dimension of weight 0 still reports findings, but they do not lower the score.
        foreach (var (id, setting) in enabled)
        {
            if (weights.GetValueOrDefault(setting.Dimension) <= 0)
            {
                throw RuleFileErrors.Invalid(fileName, Messages.RuleFileDimensionWeightZero, RuleIds.Name(id, setting), setting.Dimension.ToString());
            }
        }
    }

    private static void CheckAgeRange(string fileName, RuleSetting ageRange)
    {
        int minAge = ageRange.Parameters.GetValueOrDefault(RuleParameters.MinAge, RuleParameters.DefaultMinAge);
        int maxAge = ageRange.Parameters.GetValueOrDefault(RuleParameters.MaxAge, RuleParameters.DefaultMaxAge);
        if (minAge < RuleParameters.LowestAge || minAge > maxAge || maxAge > RuleParameters.HighestAge)
        {
            throw RuleFileErrors.Invalid(
                fileName,
                Messages.RuleFileAgeRangeInvalid,
                RuleIds.Name(RuleId.PersonAgeRange),
                RuleParameters.LowestAge,
                RuleParameters.HighestAge,
                minAge,
                maxAge);
        }
    }
}
