namespace Jinbao.Quality.Samples;

/// <summary>Spoils field values the way spreadsheets and data-entry clerks do, for planted faults.</summary>
internal static class SampleValueFaults
{
    // Characters no name contains. The comma and the quote also make the CSV writer quote the field.
    private const string NameSymbols = "0123456789*#?？@&_/(（,\"";

    /// <summary>
    /// Replaces a value that starts with seven digits by the number a spreadsheet shows in General
    /// format, such as 1.10105E+17: six significant digits, rounded, and the exponent of the value's length.
    /// </summary>
    public static void WriteScientificNotation(SampleField value)
    {
        int mantissa = 0;
        for (int i = 0; i < 6; i++)
        {
            mantissa = (mantissa * 10) + (value[i] - '0');
        }

        if (value[6] >= '5')
        {
            mantissa++;
        }

        int exponent = value.Length - 1;
        if (mantissa == 1_000_000)
        {
            mantissa = 100_000;
            exponent++;
        }

        int decimals = mantissa % 100_000;
        int decimalDigits = 5;
        while (decimalDigits > 0 && decimals % 10 == 0)
        {
            decimals /= 10;
            decimalDigits--;
        }

        value.Clear();
        value.AppendNumber(mantissa / 100_000, 1);
        if (decimalDigits > 0)
        {
            value.Append('.');
            value.AppendNumber(decimals, decimalDigits);
        }

        value.Append("E+");
        value.AppendNumber(exponent, 2);
    }

    /// <summary>Turns ASCII digits and letters into their full-width forms (U+FF10–U+FF5A), as Chinese input methods type them.</summary>
    public static void ToFullWidth(SampleField field)
    {
        for (int i = 0; i < field.Length; i++)
        {
            char c = field[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                field[i] = (char)(c - '!' + '\uFF01');
            }
        }
    }

    /// <summary>Adds a space, a no-break space or an ideographic space before the value, after it, or both.</summary>
    public static void PadWithWhitespace(SampleField field, SampleRandom random)
    {
        char space = random.Pick(" \u00A0\u3000");
        int sides = random.Next(1, 4);
        if ((sides & 1) != 0)
        {
            field.Insert(0, space);
        }

        if ((sides & 2) != 0)
        {
            field.Append(space);
        }
    }

    /// <summary>Returns a character of <paramref name="characters"/> other than <paramref name="current"/>.</summary>
    public static char PickOtherThan(string characters, char current, SampleRandom random)
    {
        int index = characters.IndexOf(current, StringComparison.Ordinal);
        int offset = random.Next(1, characters.Length);
        return characters[(index + offset) % characters.Length];
    }

    /// <summary>Writes 999999, a six-digit code never in the history, or a current code missing its last digit.</summary>
    public static void WriteUnknownDivision(SampleField field, SampleDivisions divisions, SampleRandom random)
    {
        field.Clear();
        switch (random.Next(3))
        {
            case 0:
                field.Append("999999");
                break;
            case 1:
                field.AppendNumber(divisions.RandomUnknown(random), 6);
                break;
            default:
                field.AppendNumber(divisions.RandomCurrent(random) / 10, 5);
                break;
        }
    }

    /// <summary>Inserts a digit or symbol into the name, never between the two halves of a surrogate pair.</summary>
    public static void InsertSymbol(SampleField name, SampleRandom random)
    {
        int position = random.Next(name.Length + 1);
        if (position < name.Length && char.IsLowSurrogate(name[position]))
        {
            position++;
        }

        name.Insert(position, random.Pick(NameSymbols));
    }
}
