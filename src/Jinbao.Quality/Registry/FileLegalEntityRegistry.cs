using Jinbao.Quality.Reading;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Registry;

/// <summary>
/// A legal-entity registry read from a registry extract (CSV in UTF-8 or GB18030, or XLSX) with
/// the columns 统一社会信用代码, 单位名称, 登记状态 and, optionally, 注销日期. The whole extract
/// is indexed in memory by credit code.
/// </summary>
public sealed class FileLegalEntityRegistry : ILegalEntityRegistry
{
    private static readonly string[] RequiredColumns = ["统一社会信用代码", "单位名称", "登记状态"];
    private static readonly string[] OptionalColumns = ["注销日期"];

    private readonly Dictionary<string, EmployerRegistryRecord> _employers;

    private FileLegalEntityRegistry(string fileName, Dictionary<string, EmployerRegistryRecord> employers)
    {
        FileName = fileName;
        _employers = employers;
    }

    /// <summary>The registry file's name, for messages.</summary>
    public string FileName { get; }

    /// <summary>The number of employers in the registry.</summary>
    public int Count => _employers.Count;

    /// <summary>Reads and indexes a registry extract.</summary>
    /// <exception cref="ExtractReadException">
    /// The file cannot be read, a column is missing or doubled, or a row has an empty or malformed
    /// code, an empty name, an unknown status, an invalid date, or a code already listed on another
    /// row. The message is Chinese and names the file, the row, the column and the value.
    /// </exception>
    public static FileLegalEntityRegistry Load(string path)
    {
        var employers = RegistryExtractReader.LoadIndexed(path, RequiredColumns, OptionalColumns, ReadEmployer, r => r.CreditCode, key => key);
        return new FileLegalEntityRegistry(Path.GetFileName(path), employers);
    }

    public Task<IReadOnlyDictionary<string, EmployerRegistryRecord>> FindEmployersAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creditCodes);

        var found = new Dictionary<string, EmployerRegistryRecord>(StringComparer.Ordinal);
        foreach (string code in creditCodes)
        {
            if (_employers.TryGetValue(code, out var employer))
            {
                found[code] = employer;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, EmployerRegistryRecord>>(found);
    }

    private static EmployerRegistryRecord ReadEmployer(IExtractReader reader, int[] columns, string fileName, long row)
    {
        string rawCode = RegistryFileColumns.Field(reader, columns[0]);
        string name = RegistryFileColumns.Field(reader, columns[1]);
        string rawStatus = RegistryFileColumns.Field(reader, columns[2]);
        string rawClosedDate = RegistryFileColumns.Field(reader, columns[3]);

        RegistryFileColumns.RequireValue(rawCode, fileName, row, RequiredColumns[0]);
        string code = RegistryKeys.NormalizeCreditCode(rawCode)
            ?? throw new ExtractReadException(MessageFormat.Format(Messages.Registry_InvalidKey, fileName, row, RequiredColumns[0], rawCode, Messages.Registry_CreditCodeShape));
        RegistryFileColumns.RequireValue(name, fileName, row, RequiredColumns[1]);
        var status = RegistryValues.ParseRegistrationStatus(rawStatus)
            ?? throw RegistryFileColumns.UnknownValue(fileName, row, RequiredColumns[2], rawStatus, RegistryValues.RegistrationStatusChoices);
        DateOnly? closedDate = RegistryFileColumns.ParseOptionalDate(rawClosedDate, fileName, row, OptionalColumns[0]);
        return new EmployerRegistryRecord(code, name, status, closedDate);
    }
}
