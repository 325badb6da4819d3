using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Samples;

/// <summary>Writes citizen ID numbers from their parts and plants the faults that change only the number.</summary>
internal static class SampleCitizenIds
{
    private const string CheckCharacters = "0123456789X";

    // Letters a clerk types for a digit, among them O for 0 and I or l for 1.
    private const string DigitLookAlikes = "OIlBo";

    /// <summary>Writes an 18-digit citizen ID number from its parts, which need not form a real date, ending in the MOD 11-2 check character.</summary>
    public static void Write(SampleField field, int division, int year, int month, int day, int orderCode)
    {
        field.Clear();
        field.AppendNumber(division, 6);
        field.AppendNumber(year, 4);
        field.AppendNumber(month, 2);
        field.AppendNumber(day, 2);
        field.AppendNumber(orderCode, 3);
        field.Append(CitizenIdNumber.ComputeCheckCharacter(field.Span));
    }

    /// <summary>Writes a 15-digit first-generation number, which carries the year without its century.</summary>
    public static void WriteLegacy(SampleField field, int division, DateOnly birth, int orderCode)
    {
        field.Clear();
        field.AppendNumber(division, 6);
        field.AppendNumber(birth.Year % 100, 2);
        field.AppendNumber(birth.Month, 2);
        field.AppendNumber(birth.Day, 2);
        field.AppendNumber(orderCode, 3);
    }

    /// <summary>
    /// Spoils a clean 18-digit number written by <see cref="Write"/> from the given parts.
    /// Returns <see langword="false"/>, changing nothing, for a fault that is not one of the number alone.
    /// </summary>
    public static bool TryPlantFault(SampleFault fault, SampleField id, SampleRandom random, DateOnly today, int division, DateOnly birth, int orderCode)
    {
        switch (fault)
        {
            case SampleFault.PersonIdMissing:
                id.Clear();
                return true;
            case SampleFault.PersonIdScientificNotation:
                SampleValueFaults.WriteScientificNotation(id);
                return true;
            case SampleFault.PersonIdApostrophe:
                id.Insert(0, '\'');
                return true;
            case SampleFault.PersonIdFullWidth:
                SampleValueFaults.ToFullWidth(id);
                return true;
            case SampleFault.PersonIdTrailingDecimalZero:
                // A spreadsheet writes 123.0 only for a number. A value ending in X is text, which users protect with an apostrophe instead.
                if (id[^1] == 'X')
                {
                    id.Insert(0, '\'');
                }
                else
                {
                    id.Append(".0");
                }

                return true;
            case SampleFault.PersonIdSurroundingSpaces:
                SampleValueFaults.PadWithWhitespace(id, random);
                return true;
            case SampleFault.PersonIdLength:
                if (random.Chance(0.5))
                {
                    id.RemoveAt(random.Next(id.Length));
                }
                else
                {
                    id.Insert(random.Next(6, id.Length), (char)('0' + random.Next(10)));
                }

                return true;
            case SampleFault.PersonIdFormat:
                id[random.Next(6, 17)] = random.Pick(DigitLookAlikes);
                return true;
            case SampleFault.PersonIdCheckCharacter:
                // A number ending in 000 with a wrong check character reads as digits a
                // spreadsheet zeroed, which is a different finding; another character is picked.
                char correct = id[17];
                do
                {
                    id[17] = SampleValueFaults.PickOtherThan(CheckCharacters, correct, random);
                }
                while (id[15] == '0' && id[16] == '0' && id[17] == '0');
                return true;
            case SampleFault.PersonIdImpossibleBirthDate:
                var (month, day) = random.Next(4) switch
                {
                    0 => (13, birth.Day),
                    1 => (2, 30),
                    2 => (birth.Month, 0),
                    _ => (birth.Month, 32),
                };
                Write(id, division, birth.Year, month, day, orderCode);
                return true;
            case SampleFault.PersonIdFutureBirthDate:
                var future = today.AddDays(random.Next(1, 3651));
                Write(id, division, future.Year, future.Month, future.Day, orderCode);
                return true;
            case SampleFault.PersonIdOrderCodeZero:
                Write(id, division, birth.Year, birth.Month, birth.Day, 0);
                return true;
            default:
                return false;
        }
    }
}
