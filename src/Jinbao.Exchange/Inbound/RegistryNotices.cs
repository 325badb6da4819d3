using System.Text;
using Jinbao.Exchange.Packages;
using Jinbao.Exchange.Resources;
using Jinbao.Quality.Registry;
using Jinbao.Standards;
using Jinbao.Standards.Identifiers;
using Microsoft.VisualBasic.FileIO;

namespace Jinbao.Exchange.Inbound;

/// <summary>One registry change a partner department reports: a death, or an employer's deregistration or revocation.</summary>
/// <param name="Key">The citizen ID number (公民身份号码) or the unified social credit code (统一社会信用代码).</param>
/// <param name="Date">The date of death (死亡日期) or of deregistration (注销日期).</param>
/// <param name="Status">For a closure, the registration status (注销 or 吊销); null for a death.</param>
public sealed record RegistryNotice(string Key, DateOnly Date, RegistrationStatus? Status);

/// <summary>
/// Notice files that partner departments send in packages: deaths from civil affairs (dataset
/// <c>death-notice</c>: 公民身份号码, 死亡日期) and employer closures from market regulation (dataset
/// <c>employer-closure</c>: 统一社会信用代码, 登记状态, 注销日期). UTF-8 CSV with a header row.
/// </summary>
public static class RegistryNotices
{
    public const string DeathDataset = "death-notice";
    public const string ClosureDataset = "employer-closure";

    private static readonly string[] DeathColumns = ["公民身份号码", "死亡日期"];
    private static readonly string[] ClosureColumns = ["统一社会信用代码", "登记状态", "注销日期"];

    /// <summary>Returns the notice dataset of a CSV file from its header, or null when it is no notice file.</summary>
    public static string? DetectDataset(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        using var parser = Open(path);
        string[] header;
        try
        {
            header = parser.ReadFields() ?? [];
        }
        catch (MalformedLineException)
        {
            // Not a notice header; the quality check reports the file.
            return null;
        }

        if (DeathColumns.All(header.Contains) && !header.Contains("姓名"))
        {
            return DeathDataset;
        }

        return ClosureColumns.All(header.Contains) && !header.Contains("单位名称") ? ClosureDataset : null;
    }

    public static bool IsNoticeDataset(string dataset) => dataset is DeathDataset or ClosureDataset;

    /// <summary>Reads and validates every row of a notice file; <paramref name="today"/> is the day in China Standard Time.</summary>
    /// <exception cref="InvalidDataException">A column is missing, or a row has an invalid number, code, status or date; the message is Chinese and names the file, row and value.</exception>
    public static IReadOnlyList<RegistryNotice> Read(string path, string dataset, DateOnly today)
    {
        string[] required = dataset == DeathDataset ? DeathColumns : ClosureColumns;
        string fileName = Path.GetFileName(path);
        using var parser = Open(path);
        var header = ReadFields(parser, fileName) ?? [];
        var columns = required.Select(name => Array.IndexOf(header, name)).ToArray();
        if (columns.Any(c => c < 0))
        {
            throw new InvalidDataException(Text.Format(PackageText.NoticeColumnMissing, fileName, string.Join("、", required)));
        }

        var notices = new List<RegistryNotice>();
        var rows = new List<long>();
        while (ReadFields(parser, fileName) is { } fields)
        {
            long row = parser.LineNumber < 0 ? notices.Count + 2 : parser.LineNumber - 1;
            string Field(int index) => columns[index] < fields.Length ? fields[columns[index]].Trim() : "";
            // Upper case as the notice API takes them, so a lower-case credit code or ID check character 'x' matches.
            string key = Field(0).ToUpperInvariant();
            if (!IsValidKey(dataset, key, today))
            {
                throw new InvalidDataException(Text.Format(PackageText.NoticeKeyInvalid, fileName, row, required[0], key));
            }

            string dateText = Field(dataset == DeathDataset ? 1 : 2);
            if (!TryParseDate(dateText, today, out var date))
            {
                throw new InvalidDataException(Text.Format(PackageText.NoticeDateInvalid, fileName, row, required[^1], dateText));
            }

            if (dataset == DeathDataset && date < BirthDate(key))
            {
                throw new InvalidDataException(Text.Format(PackageText.NoticeDeathBeforeBirth, fileName, row, dateText, BirthDate(key)));
            }

            RegistrationStatus? status = null;
            if (dataset == ClosureDataset)
            {
                status = ParseStatus(Field(1));
                if (status is null)
                {
                    throw new InvalidDataException(Text.Format(PackageText.NoticeStatusInvalid, fileName, row, Field(1)));
                }
            }

            notices.Add(new RegistryNotice(key, date, status));
            rows.Add(row);
        }

        if (FindConflict(notices) is var (earlier, later))
        {
            throw new InvalidDataException(Text.Format(PackageText.NoticeConflictingDuplicate, fileName, rows[earlier], rows[later], notices[later].Key));
        }

        return notices;
    }

    /// <summary>
    /// Finds two notices for the same number that disagree on date or status, which would leave the change event with one
    /// date and the registry with the other. Returns their positions, or null when every repeated notice is identical.
    /// </summary>
    public static (int Earlier, int Later)? FindConflict(IReadOnlyList<RegistryNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < notices.Count; i++)
        {
            if (!seen.TryAdd(notices[i].Key, i) && notices[seen[notices[i].Key]] != notices[i])
            {
                return (seen[notices[i].Key], i);
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the notices with repeats of an identical notice left out, keeping the first. Call it after
    /// <see cref="FindConflict"/> found none, so that a notice sent twice counts once in every total and uses one
    /// quota unit.
    /// </summary>
    public static IReadOnlyList<RegistryNotice> WithoutRepeats(IReadOnlyList<RegistryNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = notices.Where(n => seen.Add(n.Key)).ToList();
        return distinct.Count == notices.Count ? notices : distinct;
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a valid key of the notice dataset: an 18-character citizen ID number whose
    /// check character, division code and birth date (not after <paramref name="today"/>) are valid, or a unified
    /// social credit code whose check character and division code are valid.
    /// </summary>
    public static bool IsValidKey(string dataset, string key, DateOnly today) => dataset == DeathDataset
        ? PersonIdNumber.Check(key, IdDocumentType.CitizenId, StandardsCatalog.Default.Divisions, today).IsValid && key.Length == 18
        : UnifiedSocialCreditCode.Check(key, StandardsCatalog.Default.Divisions).IsValid;

    /// <summary>The birth date written in characters 7–14 of a citizen ID number that <see cref="IsValidKey"/> accepted; a death before it is invalid.</summary>
    public static DateOnly BirthDate(string idNumber) =>
        DateOnly.ParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a notice date written as yyyy-MM-dd; a date after <paramref name="today"/> is invalid.</summary>
    public static bool TryParseDate(string? text, DateOnly today, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date) && date <= today;

    /// <summary>Parses the registration status of a closure (注销 or 吊销), or returns null for any other text.</summary>
    public static RegistrationStatus? ParseStatus(string? text) => text switch
    {
        "注销" => RegistrationStatus.Cancelled,
        "吊销" => RegistrationStatus.Revoked,
        _ => null,
    };

    /// <summary>Returns the registry's word for a closure status, as the registry extract spells it.</summary>
    public static string StatusName(RegistrationStatus status) => status == RegistrationStatus.Revoked ? "吊销" : "注销";

    internal static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads the next row, or null at the end.</summary>
    /// <exception cref="InvalidDataException">The row's quotes are unbalanced; the message is Chinese and names the file and line.</exception>
    internal static string[]? ReadFields(TextFieldParser parser, string fileName)
    {
        try
        {
            return parser.ReadFields();
        }
        catch (MalformedLineException ex)
        {
            throw new InvalidDataException(Text.Format(PackageText.CsvLineMalformed, fileName, ex.LineNumber), ex);
        }
    }

    internal static TextFieldParser Open(string path)
    {
        var parser = new TextFieldParser(path, Encoding.UTF8, detectEncoding: true) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        return parser;
    }
}
