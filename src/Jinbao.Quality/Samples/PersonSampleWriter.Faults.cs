namespace Jinbao.Quality.Samples;

/// <summary>
/// The faults planted in person records. Each changes one field of an otherwise consistent record,
/// so that the engine reports exactly the planted rule. Faults that need another key slot (legacy
/// number, age, abolished division in the number, duplicate) are made when the person is chosen.
/// </summary>
internal sealed partial class PersonSampleWriter
{
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
        if (SampleCitizenIds.TryPlantFault(fault, _id, _random, _today, _idDivision, _birth, _orderCode))
        {
            return;
        }

        switch (fault)
        {
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
            case SampleFault.PersonDivisionApostrophe:
                _division.Insert(0, '\'');
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
