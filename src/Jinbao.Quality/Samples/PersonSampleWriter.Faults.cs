namespace Jinbao.Quality.Samples;

/// <summary>
/// The faults planted in person records. Each changes one field of an otherwise consistent record,
/// so that the engine reports exactly the planted rule. Faults that need another key slot (legacy
/// number, age, abolished division in the number, duplicate) are made when the person is chosen.
/// </summary>
internal sealed partial class PersonSampleWriter
{
    private const string CheckCharacters = "0123456789X";

    // Letters a clerk types for a digit, among them O for 0 and I or l for 1.
    private const string DigitLookAlikes = "OIlBo";

    // Dots typed in place of the middle dot U+00B7: bullet, katakana middle dot, full stop.
    private const string VariantDots = "\u2022\u30FB.";

    // 男/女 and the names 男性/女性 of GB/T 2261.1, which many systems write for the codes 1 and 2.
    private static readonly string[] MaleAliases = ["男", "男性"];
    private static readonly string[] FemaleAliases = ["女", "女性"];

    private static readonly string[] InvalidSexCodes = ["3", "4", "5", "6", "7", "8"];
    private static readonly string[] InvalidEthnicityCodes = ["60", "00", "99", "59"];
    private static readonly string[] InvalidEducationCodes = ["99", "50", "72", "24"];

    private void PlantFault(SampleFault fault)
    {
        switch (fault)
        {
            case SampleFault.PersonIdMissing:
                _id.Clear();
                break;
            case SampleFault.PersonNameMissing:
                _name.Clear();
                break;
            case SampleFault.PersonSexMissing:
                _sex.Clear();
                break;
            case SampleFault.PersonBirthDateMissing:
                _birthDate.Clear();
                break;
            case SampleFault.PersonDivisionMissing:
                _division.Clear();
                break;
            case SampleFault.PersonIdScientificNotation:
                SampleValueFaults.WriteScientificNotation(_id);
                break;
            case SampleFault.PersonIdApostrophe:
                _id.Insert(0, '\'');
                break;
            case SampleFault.PersonIdFullWidth:
                SampleValueFaults.ToFullWidth(_id);
                break;
            case SampleFault.PersonIdTrailingDecimalZero:
                // A spreadsheet writes 123.0 only for a number. A value ending in X is text, which users protect with an apostrophe instead.
                if (_id[^1] == 'X')
                {
                    _id.Insert(0, '\'');
                }
                else
                {
                    _id.Append(".0");
                }

                break;
            case SampleFault.PersonIdSurroundingSpaces:
                SampleValueFaults.PadWithWhitespace(_id, _random);
                break;
            case SampleFault.PersonDivisionApostrophe:
                _division.Insert(0, '\'');
                break;
            case SampleFault.PersonIdLength:
                if (_random.Chance(0.5))
                {
                    _id.RemoveAt(_random.Next(_id.Length));
                }
                else
                {
                    _id.Insert(_random.Next(6, _id.Length), (char)('0' + _random.Next(10)));
                }

                break;
            case SampleFault.PersonIdFormat:
                _id[_random.Next(6, 17)] = _random.Pick(DigitLookAlikes);
                break;
            case SampleFault.PersonIdCheckCharacter:
                // A number ending in 000 with a wrong check character reads as digits a
                // spreadsheet zeroed, which is a different finding; another character is picked.
                char correct = _id[17];
                do
                {
                    _id[17] = SampleValueFaults.PickOtherThan(CheckCharacters, correct, _random);
                }
                while (_id[15] == '0' && _id[16] == '0' && _id[17] == '0');
                break;
            case SampleFault.PersonIdImpossibleBirthDate:
                WriteImpossibleBirthDateId();
                break;
            case SampleFault.PersonIdFutureBirthDate:
                var future = _today.AddDays(_random.Next(1, 3651));
                WriteCitizenId(_id, _idDivision, future.Year, future.Month, future.Day, _orderCode);
                break;
            case SampleFault.PersonIdOrderCodeZero:
                WriteCitizenId(_id, _idDivision, _birth.Year, _birth.Month, _birth.Day, 0);
                break;
            case SampleFault.PersonSexMismatch:
                _sex.Set(_sexCode == 1 ? "2" : "1");
                break;
            case SampleFault.PersonBirthDateMismatch:
                _birthDate.Clear();
                SampleDates.AppendAnyLayout(_birthDate, _random, PickOtherBirthDate());
                break;
            case SampleFault.PersonSexInvalid:
                _sex.Set(_random.Pick(InvalidSexCodes));
                break;
            case SampleFault.PersonEthnicityInvalid:
                _ethnicity.Set(_random.Pick(InvalidEthnicityCodes));
                break;
            case SampleFault.PersonEducationInvalid:
                _education.Set(_random.Pick(InvalidEducationCodes));
                break;
            case SampleFault.PersonSexAlias:
                string[] aliases = _sexCode == 1 ? MaleAliases : FemaleAliases;
                _sex.Set(_random.Chance(0.8) ? aliases[0] : aliases[1]);
                break;
            case SampleFault.PersonEthnicityAlias:
                WriteEthnicityAlias();
                break;
            case SampleFault.PersonEducationAlias:
                string education = _education.IsEmpty ? _random.Pick(EducationCodes) : _education.Span.ToString();
                _education.Set(_educations.GetName(education)!);
                break;
            case SampleFault.PersonBirthDateFormat:
                SampleDates.WriteMalformed(_birthDate, _random, _birth);
                break;
            case SampleFault.PersonBirthDateFuture:
                _birthDate.Clear();
                SampleDates.AppendDashed(_birthDate, _today.AddDays(_random.Next(1, 1826)));
                break;
            case SampleFault.PersonDivisionUnknown:
                SampleValueFaults.WriteUnknownDivision(_division, _divisions, _random);
                break;
            case SampleFault.PersonDivisionAbolished:
                _division.Clear();
                _division.AppendNumber(_divisions.RandomAbolished(_random), 6);
                break;
            case SampleFault.PersonPhoneFormat:
                SamplePhones.WriteMalformed(_phone, _random);
                break;
            case SampleFault.PersonNameFormat:
                SampleValueFaults.InsertSymbol(_name, _random);
                break;
            case SampleFault.PersonNameMiddleDot:
                _name.Clear();
                SampleNames.AppendUyghurName(_name, _random, _sexCode, _random.Pick(VariantDots));
                _ethnicity.Set("05");
                break;
            case SampleFault.PersonNameTooLong:
                _name.Clear();
                SampleNames.AppendOverlongName(_name, _random, 50);
                break;
        }
    }

    private void WriteImpossibleBirthDateId()
    {
        var (month, day) = _random.Next(4) switch
        {
            0 => (13, _birth.Day),
            1 => (2, 30),
            2 => (_birth.Month, 0),
            _ => (_birth.Month, 32),
        };
        WriteCitizenId(_id, _idDivision, _birth.Year, month, day, _orderCode);
    }

    /// <summary>Returns a birth date 1 to 400 days away from the person's, still between 1950 and 2008.</summary>
    private DateOnly PickOtherBirthDate()
    {
        while (true)
        {
            int days = _random.Next(1, 401);
            var other = _birth.AddDays(_random.Chance(0.5) ? days : -days);
            if (other >= FirstBirthDate && other <= LastBirthDate)
            {
                return other;
            }
        }
    }

    /// <summary>
    /// Writes a non-standard spelling that the ethnicity code set resolves: 57 or 58 for 97 or 98, the
    /// name (汉族), the letter code HA, or the code without its leading zero.
    /// </summary>
    private void WriteEthnicityAlias()
    {
        string code = _ethnicityCode;
        switch (_random.Next(3))
        {
            case 0:
                _ethnicity.Set(_random.Chance(0.5) ? "57" : "58");
                break;
            case 1:
                _ethnicity.Set(_ethnicities.GetName(code)!);
                break;
            default:
                if (code == "01" && _random.Chance(0.5))
                {
                    _ethnicity.Set("HA");
                }
                else if (code[0] == '0')
                {
                    _ethnicity.Set(code.AsSpan(1));
                }
                else
                {
                    _ethnicity.Set(_ethnicities.GetName(code)!);
                }

                break;
        }
    }
}
