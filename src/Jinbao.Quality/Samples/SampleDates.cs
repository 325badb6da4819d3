namespace Jinbao.Quality.Samples;

/// <summary>Writes dates in the layouts business systems and spreadsheets export.</summary>
internal static class SampleDates
{
    /// <summary>Appends the date as yyyy-MM-dd (most records), yyyyMMdd or yyyy/M/d, chosen at random.</summary>
    public static void AppendAnyLayout(SampleField field, SampleRandom random, DateOnly date)
    {
        double layout = random.NextDouble();
        if (layout < 0.85)
        {
            AppendDashed(field, date);
        }
        else if (layout < 0.95)
        {
            AppendCompact(field, date);
        }
        else
        {
            AppendSlashed(field, date);
        }
    }

    /// <summary>Appends yyyy-MM-dd.</summary>
    public static void AppendDashed(SampleField field, DateOnly date)
    {
        field.AppendNumber(date.Year, 4);
        field.Append('-');
        field.AppendNumber(date.Month, 2);
        field.Append('-');
        field.AppendNumber(date.Day, 2);
    }

    /// <summary>Appends yyyyMMdd.</summary>
    public static void AppendCompact(SampleField field, DateOnly date)
    {
        field.AppendNumber(date.Year, 4);
        field.AppendNumber(date.Month, 2);
        field.AppendNumber(date.Day, 2);
    }

    /// <summary>Appends yyyy/M/d, the short date of spreadsheets set to Chinese.</summary>
    public static void AppendSlashed(SampleField field, DateOnly date)
    {
        field.AppendNumber(date.Year, 4);
        field.Append('/');
        field.AppendNumber(date.Month, 1);
        field.Append('/');
        field.AppendNumber(date.Day, 1);
    }

    /// <summary>
    /// Replaces the field with a value that is not a date the engine accepts, made from the year, month
    /// and day of <paramref name="date"/>: month 13 and a day over 31, February 30 as yyyyMMdd, the
    /// Chinese layout yyyy年M月d日, or dd/MM/yyyy.
    /// </summary>
    public static void WriteMalformed(SampleField field, SampleRandom random, DateOnly date)
    {
        field.Clear();
        switch (random.Next(4))
        {
            case 0:
                field.AppendNumber(date.Year, 4);
                field.Append("-13-");
                field.AppendNumber(random.Next(32, 46), 2);
                break;
            case 1:
                field.AppendNumber(date.Year, 4);
                field.Append("0230");
                break;
            case 2:
                field.AppendNumber(date.Year, 4);
                field.Append('年');
                field.AppendNumber(date.Month, 1);
                field.Append('月');
                field.AppendNumber(date.Day, 1);
                field.Append('日');
                break;
            default:
                field.AppendNumber(date.Day, 2);
                field.Append('/');
                field.AppendNumber(date.Month, 2);
                field.Append('/');
                field.AppendNumber(date.Year, 4);
                break;
        }
    }
}
