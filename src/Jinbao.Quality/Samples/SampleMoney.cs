namespace Jinbao.Quality.Samples;

/// <summary>Writes amounts of money in yuan, as business systems export them.</summary>
internal static class SampleMoney
{
    /// <summary>Appends an amount in fen as yuan with two decimals, such as 1600.00.</summary>
    public static void AppendYuan(SampleField field, long fen)
    {
        if (fen < 0)
        {
            field.Append('-');
            fen = -fen;
        }

        field.AppendNumber(checked((int)(fen / 100)), 1);
        field.Append('.');
        field.AppendNumber((int)(fen % 100), 2);
    }

    /// <summary>Appends an amount in fen, dropping the decimals of a whole number of yuan half of the time, such as 8000 or 8000.00.</summary>
    public static void AppendAnyLayout(SampleField field, SampleRandom random, long fen)
    {
        if (fen % 100 == 0 && random.Chance(0.5))
        {
            field.AppendNumber(checked((int)(fen / 100)), 1);
            return;
        }

        AppendYuan(field, fen);
    }

    /// <summary>
    /// Replaces the field with an amount the engine cannot read: a thousands separator, three
    /// decimals, or the unit 元 after the number.
    /// </summary>
    public static void WriteMalformed(SampleField field, SampleRandom random, long fen)
    {
        long yuan = Math.Max(1000, fen / 100);
        field.Clear();
        switch (random.Next(3))
        {
            case 0:
                field.AppendNumber((int)(yuan / 1000), 1);
                field.Append(',');
                field.AppendNumber((int)(yuan % 1000), 3);
                field.Append(".00");
                break;
            case 1:
                AppendYuan(field, fen);
                field.Append((char)('1' + random.Next(9)));
                break;
            default:
                AppendYuan(field, fen);
                field.Append('元');
                break;
        }
    }
}
