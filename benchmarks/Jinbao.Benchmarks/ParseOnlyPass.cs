using System.Text;
using Sylvan.Data.Csv;

namespace Jinbao.Benchmarks;

/// <summary>
/// The reference pass: Sylvan.Data.Csv reads every field of every record as a span and does
/// nothing else. The check's speed is measured against this.
/// </summary>
internal static class ParseOnlyPass
{
    /// <summary>Reads every field as a span: the fastest pass Sylvan allows.</summary>
    public static long Run(string path) => Run(path, materialize: false);

    /// <summary>Reads every field as a string, as a typical program that then validates the values does.</summary>
    public static long RunWithStrings(string path) => Run(path, materialize: true);

    private static long Run(string path, bool materialize)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 });
        long records = 0;
        long characters = 0;
        while (csv.Read())
        {
            for (int i = 0; i < csv.RowFieldCount; i++)
            {
                characters += materialize ? csv.GetString(i).Length : csv.GetFieldSpan(i).Length;
            }

            records++;
        }

        // The sum keeps the JIT from dropping the field reads.
        return characters >= 0 ? records : -1;
    }
}
