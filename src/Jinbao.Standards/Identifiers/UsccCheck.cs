namespace Jinbao.Standards.Identifiers;

/// <summary>The result of checking a unified social credit code.</summary>
public readonly struct UsccCheck
{
    internal UsccCheck(UsccFailure failure, char expectedCheckCharacter, int divisionCode)
    {
        Failure = failure;
        ExpectedCheckCharacter = expectedCheckCharacter;
        DivisionCode = divisionCode;
    }

    /// <summary>The first failed check, or <see cref="UsccFailure.None"/>.</summary>
    public UsccFailure Failure { get; }

    /// <summary>Whether the code passed every check.</summary>
    public bool IsValid => Failure == UsccFailure.None;

    /// <summary>Whether the only failure is <see cref="UsccFailure.LegacyCheckCharacter"/>, so the record is kept with a warning.</summary>
    public bool IsWarningOnly => Failure == UsccFailure.LegacyCheckCharacter;

    /// <summary>The MOD 31 check character the code should end with, or <c>'\0'</c> when a character was outside the alphabet.</summary>
    public char ExpectedCheckCharacter { get; }

    /// <summary>The registration authority's division code from positions 3–8 (100000 for national level), or -1 when they are not six digits or were not read.</summary>
    public int DivisionCode { get; }
}
