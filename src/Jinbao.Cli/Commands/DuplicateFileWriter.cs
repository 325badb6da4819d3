using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jinbao.Cli.Resources;
using Jinbao.Storage.Duplicates;

namespace Jinbao.Cli.Commands;

/// <summary>
/// Writes duplicate cases to a JSON array, or to CSV when the path ends in <c>.csv</c>. The file is
/// written under a temporary name and renamed on <see cref="Complete"/>, so a failed or cancelled
/// run leaves no partial file.
/// </summary>
internal sealed class DuplicateFileWriter : IDisposable
{
    private static readonly string[] CsvHeader =
        ["kind", "person_key", "type_code", "first_division", "second_division", "overlap_start", "overlap_end", "period", "first_amount_fen", "second_amount_fen"];

    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter? _json;
    private readonly StreamWriter? _csv;
    private bool _completed;

    private DuplicateFileWriter(string path)
    {
        _path = Path.GetFullPath(path);
        _temporaryPath = _path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        _stream = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            // UTF-8 with a byte-order mark, so Excel and WPS open the Chinese text correctly.
            _csv = new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            _csv.Write(string.Join(',', CsvHeader) + "\r\n");
        }
        else
        {
            _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _json.WriteStartArray();
        }
    }

    /// <exception cref="OutputException">The file cannot be created.</exception>
    public static DuplicateFileWriter Create(string path)
    {
        try
        {
            return new DuplicateFileWriter(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(string.Format(CultureInfo.CurrentCulture, CliText.DuplicatesOutputFailed, Path.GetFullPath(path), Quality.IoErrorText.Describe(ex, path)), ex);
        }
    }

    public void Write(DuplicateCase found)
    {
        string kind = found.Kind == DuplicateKind.Enrolment ? "enrolment" : "benefit-payment";
        string? start = found.OverlapStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? end = found.OverlapEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (_csv is not null)
        {
            string[] cells =
            [
                kind, found.PersonKey, found.TypeCode, found.FirstDivision, found.SecondDivision, start ?? "", end ?? "",
                found.Period?.ToString(CultureInfo.InvariantCulture) ?? "", found.FirstAmountFen?.ToString(CultureInfo.InvariantCulture) ?? "",
                found.SecondAmountFen?.ToString(CultureInfo.InvariantCulture) ?? "",
            ];
            _csv.Write(string.Join(',', cells) + "\r\n");
            return;
        }

        var json = _json!;
        json.WriteStartObject();
        json.WriteString("kind", kind);
        json.WriteString("personKey", found.PersonKey);
        json.WriteString("typeCode", found.TypeCode);
        json.WriteString("firstDivision", found.FirstDivision);
        json.WriteString("secondDivision", found.SecondDivision);
        if (found.Kind == DuplicateKind.Enrolment)
        {
            json.WriteString("overlapStart", start);
            json.WriteString("overlapEnd", end);
        }
        else
        {
            json.WriteNumber("period", found.Period!.Value);
            json.WriteNumber("firstAmountFen", found.FirstAmountFen!.Value);
            json.WriteNumber("secondAmountFen", found.SecondAmountFen!.Value);
        }

        json.WriteEndObject();
    }

    /// <summary>Finishes the file and moves it to its name, replacing an earlier file.</summary>
    public void Complete()
    {
        if (_json is not null)
        {
            _json.WriteEndArray();
            _json.Flush();
        }

        _csv?.Flush();
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporaryPath, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _json?.Dispose();
        _csv?.Dispose();
        _stream.Dispose();
        File.Delete(_temporaryPath);
    }
}
