namespace Jinbao.Quality.Samples;

/// <summary>Writes mainland China telephone numbers: mobile numbers and fixed-line numbers with area codes.</summary>
internal static class SamplePhones
{
    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151", "152",
        "153", "155", "156", "157", "158", "159", "166", "170", "171", "173", "175", "176", "177", "178", "180",
        "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199",
    ];

    // Area codes of provincial capitals and some large cities. 010 and 02x have three digits, the others four.
    private static readonly string[] AreaCodes =
    [
        "010", "021", "022", "023", "020", "024", "025", "027", "028", "029", "0311", "0351", "0371", "0431",
        "0451", "0471", "0512", "0531", "0551", "0571", "0574", "0591", "0731", "0755", "0771", "0791", "0851",
        "0871", "0891", "0898", "0931", "0951", "0971", "0991",
    ];

    /// <summary>Appends a mobile number, sometimes after +86, or a fixed-line number, sometimes with an extension.</summary>
    public static void AppendAny(SampleField field, SampleRandom random)
    {
        if (random.Chance(0.83))
        {
            if (random.Chance(0.02))
            {
                field.Append("+86 ");
            }

            AppendMobile(field, random);
            return;
        }

        string area = random.Pick(AreaCodes);
        field.Append(area);
        if (random.Chance(0.8))
        {
            field.Append('-');
        }

        AppendDigits(field, random, area.Length == 3 || random.Chance(0.5) ? 8 : 7, firstNonZero: true);
        if (random.Chance(0.02))
        {
            field.Append('-');
            AppendDigits(field, random, 4, firstNonZero: true);
        }
    }

    public static void AppendMobile(SampleField field, SampleRandom random)
    {
        field.Append(random.Pick(MobilePrefixes));
        AppendDigits(field, random, 8, firstNonZero: false);
    }

    /// <summary>
    /// Replaces the field with a malformed number: a mobile number missing a digit, an 11-digit number
    /// starting 12, a mobile number with spaces between its groups, a fixed-line number whose local part
    /// starts with 0, or the word 不详 (unknown).
    /// </summary>
    public static void WriteMalformed(SampleField field, SampleRandom random)
    {
        field.Clear();
        switch (random.Next(5))
        {
            case 0:
                field.Append(random.Pick(MobilePrefixes));
                AppendDigits(field, random, 7, firstNonZero: false);
                break;
            case 1:
                field.Append("12");
                AppendDigits(field, random, 9, firstNonZero: false);
                break;
            case 2:
                // Grouped like 138 1234 5678, but one digit short.
                field.Append(random.Pick(MobilePrefixes));
                field.Append(' ');
                AppendDigits(field, random, 4, firstNonZero: false);
                field.Append(' ');
                AppendDigits(field, random, 3, firstNonZero: false);
                break;
            case 3:
                field.Append(random.Pick(AreaCodes));
                field.Append("-0");
                AppendDigits(field, random, 6, firstNonZero: false);
                break;
            default:
                field.Append("不详");
                break;
        }
    }

    private static void AppendDigits(SampleField field, SampleRandom random, int count, bool firstNonZero)
    {
        for (int i = 0; i < count; i++)
        {
            field.Append((char)('0' + (i == 0 && firstNonZero ? random.Next(2, 9) : random.Next(10))));
        }
    }
}
