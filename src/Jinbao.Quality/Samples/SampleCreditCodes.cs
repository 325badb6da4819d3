using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Plants the faults of a unified social credit code (GB 32100-2015). A code that is changed in
/// positions 1–17 gets a recomputed check character unless the fault is in the check characters themselves.
/// </summary>
internal static class SampleCreditCodes
{
    /// <summary>The characters of a credit code: digits and the capital letters other than I, O, S, V and Z.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private const string OrganizationCheckCharacters = "0123456789X";

    // Credit-code characters that GB 32100-2015 leaves unassigned as registration authorities.
    private const string UnassignedAuthorities = "0BCDEFGHJKLMPQRTUWX";

    // Letters outside the credit-code alphabet, which leaves out I, O, S, V and Z.
    private const string ExcludedLetters = "IOSVZ";

    // A registration authority with an entity type it does not use: industry and commerce (9) uses
    // 1–3, civil affairs (5) 1, 2, 3 and 9, other (Y) only 1.
    private static readonly string[] WrongEntityTypes = ["94", "95", "97", "9A", "54", "5A", "Y2", "Y3"];

    /// <summary>
    /// Spoils a clean code registered in <paramref name="registrationDivision"/>. Returns
    /// <see langword="false"/>, changing nothing, for a fault that is not one of the code.
    /// Scientific notation needs a code that starts with seven digits.
    /// </summary>
    public static bool TryPlantFault(SampleFault fault, SampleField code, SampleRandom random, SampleDivisions divisions, int registrationDivision)
    {
        switch (fault)
        {
            case SampleFault.EmployerUsccMissing:
                code.Clear();
                return true;
            case SampleFault.EmployerUsccScientificNotation:
                SampleValueFaults.WriteScientificNotation(code);
                return true;
            case SampleFault.EmployerUsccApostrophe:
                code.Insert(0, '\'');
                return true;
            case SampleFault.EmployerUsccFullWidth:
                SampleValueFaults.ToFullWidth(code);
                return true;
            case SampleFault.EmployerUsccSurroundingSpaces:
                SampleValueFaults.PadWithWhitespace(code, random);
                return true;
            case SampleFault.EmployerUsccLength:
                WriteWrongLengthCode(code, random, registrationDivision);
                return true;
            case SampleFault.EmployerUsccCharacter:
                WriteExcludedCharacter(code, random);
                return true;
            case SampleFault.EmployerUsccRegistrationAuthority:
                code[0] = random.Pick(UnassignedAuthorities);
                RecomputeCheckCharacter(code);
                return true;
            case SampleFault.EmployerUsccEntityType:
                string authorityAndType = random.Pick(WrongEntityTypes);
                code[0] = authorityAndType[0];
                code[1] = authorityAndType[1];
                RecomputeCheckCharacter(code);
                return true;
            case SampleFault.EmployerUsccDivision:
                WriteUnknownRegistrationDivision(code, random, divisions);
                RecomputeCheckCharacter(code);
                return true;
            case SampleFault.EmployerUsccOrganizationCode:
                code[16] = SampleValueFaults.PickOtherThan(OrganizationCheckCharacters, code[16], random);
                RecomputeCheckCharacter(code);
                return true;
            case SampleFault.EmployerUsccCheckCharacter:
                // Both check characters wrong: the organization code's, and the final one for the changed code.
                char final = code[17];
                code[16] = SampleValueFaults.PickOtherThan(OrganizationCheckCharacters, code[16], random);
                char expected = UnifiedSocialCreditCode.ComputeCheckCharacter(code.Span[..17]);
                code[17] = final != expected ? final : SampleValueFaults.PickOtherThan(Alphabet, expected, random);
                return true;
            case SampleFault.EmployerUsccLegacyCheckCharacter:
                // A valid organization code with a wrong final character, like some codes issued before GB 32100 settled.
                code[17] = SampleValueFaults.PickOtherThan(Alphabet, code[17], random);
                return true;
            default:
                return false;
        }
    }

    private static void RecomputeCheckCharacter(SampleField code) =>
        code[17] = UnifiedSocialCreditCode.ComputeCheckCharacter(code.Span[..17]);

    /// <summary>Writes a 15-digit business registration number (注册号) of the pre-2015 kind, or the code missing or gaining a character.</summary>
    private static void WriteWrongLengthCode(SampleField code, SampleRandom random, int registrationDivision)
    {
        switch (random.Next(3))
        {
            case 0:
                code.Clear();
                code.AppendNumber(registrationDivision, 6);
                for (int i = 0; i < 9; i++)
                {
                    code.Append((char)('0' + random.Next(10)));
                }

                break;
            case 1:
                code.RemoveAt(random.Next(code.Length));
                break;
            default:
                code.Insert(random.Next(code.Length + 1), random.Pick(Alphabet));
                break;
        }
    }

    /// <summary>Writes the code in lower case when it has letters, else puts one of I, O, S, V, Z in place of a character.</summary>
    private static void WriteExcludedCharacter(SampleField code, SampleRandom random)
    {
        bool hasLetter = false;
        for (int i = 0; i < code.Length; i++)
        {
            hasLetter |= char.IsAsciiLetterUpper(code[i]);
        }

        if (hasLetter && random.Chance(0.5))
        {
            for (int i = 0; i < code.Length; i++)
            {
                code[i] = char.ToLowerInvariant(code[i]);
            }

            return;
        }

        code[random.Next(2, code.Length)] = random.Pick(ExcludedLetters);
    }

    /// <summary>Puts a six-digit code that was never in the history into positions 3–8.</summary>
    private static void WriteUnknownRegistrationDivision(SampleField code, SampleRandom random, SampleDivisions divisions)
    {
        int unknown = divisions.RandomUnknown(random);
        for (int i = 7; i >= 2; i--)
        {
            code[i] = (char)('0' + (unknown % 10));
            unknown /= 10;
        }
    }
}
