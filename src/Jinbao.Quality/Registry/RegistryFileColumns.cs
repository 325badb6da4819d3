using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Registry;

/// <summary>Finds the fixed columns of a registry file by their Chinese headers.</summary>
internal static class RegistryFileColumns
{
    /// <summary>Returns the ordinal of each named column, -1 for an optional column the file lacks.</summary>
    /// <exception cref="ExtractReadException">A required column is missing or a column appears twice.</exception>
    public static int[] Bind(IReadOnlyList<string> header, string fileName, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        var names = required.Concat(optional).ToList();
        int[] ordinals = Enumerable.Repeat(-1, names.Count).ToArray();
        for (int i = 0; i < header.Count; i++)
        {
            string cell = header[i].Trim().Trim('\uFEFF').Trim();
            int index = names.IndexOf(cell);
            if (index < 0)
            {
                continue;
            }

            if (ordinals[index] >= 0)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.Registry_DuplicateColumn, fileName, cell));
            }

            ordinals[index] = i;
        }

        var missing = required.Where((name, index) => ordinals[index] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new ExtractReadException(MessageFormat.Format(
                Messages.Registry_MissingColumns,
                fileName,
                string.Join(Messages.ListSeparator, missing),
                string.Join(Messages.ListSeparator, required),
                string.Join(Messages.ListSeparator, optional)));
        }

        return ordinals;
    }

    /// <summary>Returns a field of the current record as a trimmed string, empty for a column the file lacks.</summary>
    public static string Field(IExtractReader reader, int ordinal) =>
        ordinal < 0 ? string.Empty : reader.GetField(ordinal).Trim().ToString();

    /// <exception cref="ExtractReadException">The value is empty.</exception>
    public static void RequireValue(string value, string fileName, long row, string column)
    {
        if (value.Length == 0)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.Registry_MissingValue, fileName, row, column));
        }
    }

    public static ExtractReadException UnknownValue(string fileName, long row, string column, string value, string choices) =>
        new(MessageFormat.Format(Messages.Registry_UnknownValue, fileName, row, column, ValueMasking.MaskEmbeddedNumbers(value), choices));

    /// <summary>Parses a date cell; an empty cell is no date.</summary>
    /// <exception cref="ExtractReadException">The cell is not empty and not a date.</exception>
    public static DateOnly? ParseOptionalDate(string value, string fileName, long row, string column)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return RegistryValues.TryParseDate(value, out var date)
            ? date
            : throw new ExtractReadException(MessageFormat.Format(Messages.Registry_InvalidDate, fileName, row, column, ValueMasking.MaskEmbeddedNumbers(value)));
    }
}
