using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Samples;

/// <summary>
/// The faults planted in employer records. Each changes one field of an otherwise consistent record,
/// so that the engine reports exactly the planted rule. A credit code that is changed in positions
/// 1–17 gets a recomputed check character unless the fault is in the check characters themselves.
/// </summary>
internal sealed partial class EmployerSampleWriter
{
    private const string OrganizationCheckCharacters = "0123456789X";

    // Credit-code characters that GB 32100-2015 leaves unassigned as registration authorities.
    private const string UnassignedAuthorities = "0BCDEFGHJKLMPQRTUWX";

    // Letters outside the credit-code alphabet, which leaves out I, O, S, V and Z.
    private const string ExcludedLetters = "IOSVZ";

    // Dots typed in place of the middle dot U+00B7: bullet, katakana middle dot, full stop.
    private const string VariantDots = "\u2022\u30FB.";

    // A registration authority with an entity type it does not use: industry and commerce (9) uses
    // 1–3, civil affairs (5) 1, 2, 3 and 9, other (Y) only 1.
    private static readonly string[] WrongEntityTypes = ["94", "95", "97", "9A", "54", "5A", "Y2", "Y3"];

    private void PlantFault(SampleFault fault)
    {
        switch (fault)
        {
            case SampleFault.EmployerUsccMissing:
                _uscc.Clear();
                break;
            case SampleFault.EmployerNameMissing:
                _name.Clear();
                break;
            case SampleFault.EmployerDivisionMissing:
                _division.Clear();
                break;
            case SampleFault.EmployerLegalRepresentativeMissing:
                _legalRepresentative.Clear();
                break;
            case SampleFault.EmployerUsccScientificNotation:
                SampleValueFaults.WriteScientificNotation(_uscc);
                break;
            case SampleFault.EmployerUsccApostrophe:
                _uscc.Insert(0, '\'');
                break;
            case SampleFault.EmployerUsccFullWidth:
                SampleValueFaults.ToFullWidth(_uscc);
                break;
            case SampleFault.EmployerUsccSurroundingSpaces:
                SampleValueFaults.PadWithWhitespace(_uscc, _random);
                break;
            case SampleFault.EmployerUsccLength:
                WriteWrongLengthCode();
                break;
            case SampleFault.EmployerUsccCharacter:
                WriteExcludedCharacter();
                break;
            case SampleFault.EmployerUsccRegistrationAuthority:
                _uscc[0] = _random.Pick(UnassignedAuthorities);
                RecomputeCheckCharacter();
                break;
            case SampleFault.EmployerUsccEntityType:
                string authorityAndType = _random.Pick(WrongEntityTypes);
                _uscc[0] = authorityAndType[0];
                _uscc[1] = authorityAndType[1];
                RecomputeCheckCharacter();
                break;
            case SampleFault.EmployerUsccDivision:
                WriteUnknownRegistrationDivision();
                RecomputeCheckCharacter();
                break;
            case SampleFault.EmployerUsccOrganizationCode:
                _uscc[16] = SampleValueFaults.PickOtherThan(OrganizationCheckCharacters, _uscc[16], _random);
                RecomputeCheckCharacter();
                break;
            case SampleFault.EmployerUsccCheckCharacter:
                // Both check characters wrong: the organization code's, and the final one for the changed code.
                char final = _uscc[17];
                _uscc[16] = SampleValueFaults.PickOtherThan(OrganizationCheckCharacters, _uscc[16], _random);
                char expected = UnifiedSocialCreditCode.ComputeCheckCharacter(_uscc.Span[..17]);
                _uscc[17] = final != expected ? final : SampleValueFaults.PickOtherThan(UsccAlphabet, expected, _random);
                break;
            case SampleFault.EmployerUsccLegacyCheckCharacter:
                // A valid organization code with a wrong final character, like some codes issued before GB 32100 settled.
                _uscc[17] = SampleValueFaults.PickOtherThan(UsccAlphabet, _uscc[17], _random);
                break;
            case SampleFault.EmployerEstablishmentDateFormat:
                SampleDates.WriteMalformed(_established, _random, _establishmentDate);
                break;
            case SampleFault.EmployerEstablishmentDateFuture:
                _established.Clear();
                SampleDates.AppendDashed(_established, _today.AddDays(_random.Next(1, 1001)));
                break;
            case SampleFault.EmployerDivisionUnknown:
                SampleValueFaults.WriteUnknownDivision(_division, _divisions, _random);
                break;
            case SampleFault.EmployerDivisionMismatch:
                _division.Clear();
                _division.AppendNumber(_divisions.RandomCurrentOutsideProvince(_random, _registrationDivision / 10_000), 6);
                break;
            case SampleFault.EmployerLegalRepresentativeFormat:
                SampleValueFaults.InsertSymbol(_legalRepresentative, _random);
                break;
            case SampleFault.EmployerLegalRepresentativeMiddleDot:
                _legalRepresentative.Clear();
                SampleNames.AppendUyghurName(_legalRepresentative, _random, _random.Next(1, 3), _random.Pick(VariantDots));
                break;
            case SampleFault.EmployerLegalRepresentativeTooLong:
                _legalRepresentative.Clear();
                SampleNames.AppendOverlongName(_legalRepresentative, _random, 50);
                break;
            case SampleFault.EmployerNameTooLong:
                SampleNames.AppendBranchList(_name, _random, _divisions.CountyName(_registrationDivision), 200);
                break;
        }
    }

    private void RecomputeCheckCharacter() =>
        _uscc[17] = UnifiedSocialCreditCode.ComputeCheckCharacter(_uscc.Span[..17]);

    /// <summary>Writes a 15-digit business registration number (注册号) of the pre-2015 kind, or the code missing or gaining a character.</summary>
    private void WriteWrongLengthCode()
    {
        switch (_random.Next(3))
        {
            case 0:
                _uscc.Clear();
                _uscc.AppendNumber(_registrationDivision, 6);
                for (int i = 0; i < 9; i++)
                {
                    _uscc.Append((char)('0' + _random.Next(10)));
                }

                break;
            case 1:
                _uscc.RemoveAt(_random.Next(_uscc.Length));
                break;
            default:
                _uscc.Insert(_random.Next(_uscc.Length + 1), _random.Pick(UsccAlphabet));
                break;
        }
    }

    /// <summary>Writes the code in lower case when it has letters, else puts one of I, O, S, V, Z in place of a character.</summary>
    private void WriteExcludedCharacter()
    {
        bool hasLetter = false;
        for (int i = 0; i < _uscc.Length; i++)
        {
            hasLetter |= char.IsAsciiLetterUpper(_uscc[i]);
        }

        if (hasLetter && _random.Chance(0.5))
        {
            for (int i = 0; i < _uscc.Length; i++)
            {
                _uscc[i] = char.ToLowerInvariant(_uscc[i]);
            }

            return;
        }

        _uscc[_random.Next(2, _uscc.Length)] = _random.Pick(ExcludedLetters);
    }

    /// <summary>Puts a six-digit code that was never in the history into positions 3–8.</summary>
    private void WriteUnknownRegistrationDivision()
    {
        int unknown = _divisions.RandomUnknown(_random);
        for (int i = 7; i >= 2; i--)
        {
            _uscc[i] = (char)('0' + (unknown % 10));
            unknown /= 10;
        }
    }
}
