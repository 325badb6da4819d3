using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Registry;

/// <summary>
/// A population registry read from a registry extract (CSV in UTF-8 or GB18030, or XLSX) with the
/// columns 公民身份号码, 姓名, 性别, 出生日期, 人员状态 and, optionally, 死亡日期. The whole
/// extract is indexed in memory by citizen ID number; 15-digit numbers are upgraded to 18.
/// </summary>
public sealed class FilePopulationRegistry : IPopulationRegistry
{
    private static readonly string[] RequiredColumns = ["公民身份号码", "姓名", "性别", "出生日期", "人员状态"];
    private static readonly string[] OptionalColumns = ["死亡日期"];

    private readonly Dictionary<string, PersonRegistryRecord> _persons;

    private FilePopulationRegistry(string fileName, Dictionary<string, PersonRegistryRecord> persons)
    {
        FileName = fileName;
        _persons = persons;
    }

    /// <summary>The registry file's name, for messages.</summary>
    public string FileName { get; }

    /// <summary>The number of persons in the registry.</summary>
    public int Count => _persons.Count;

    /// <summary>Reads and indexes a registry extract.</summary>
    /// <exception cref="ExtractReadException">
    /// The file cannot be read, a column is missing or doubled, or a row has an empty or malformed
    /// number, an unknown sex or status, an invalid date, or a number already listed on another row.
    /// The message is Chinese and names the file, the row, the column and the value.
    /// </exception>
    public static FilePopulationRegistry Load(string path)
    {
        var persons = RegistryExtractReader.LoadIndexed(path, RequiredColumns, OptionalColumns, ReadPerson, r => r.CitizenIdNumber, key => ValueMasking.MaskIdentity(key));
        return new FilePopulationRegistry(Path.GetFileName(path), persons);
    }

    public Task<IReadOnlyDictionary<string, PersonRegistryRecord>> FindPersonsAsync(IReadOnlyCollection<string> citizenIdNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(citizenIdNumbers);

        var found = new Dictionary<string, PersonRegistryRecord>(StringComparer.Ordinal);
        foreach (string number in citizenIdNumbers)
        {
            if (_persons.TryGetValue(number, out var person))
            {
                found[number] = person;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, PersonRegistryRecord>>(found);
    }

    private static PersonRegistryRecord ReadPerson(IExtractReader reader, int[] columns, string fileName, long row)
    {
        string rawNumber = RegistryFileColumns.Field(reader, columns[0]);
        string name = RegistryFileColumns.Field(reader, columns[1]);
        string rawSex = RegistryFileColumns.Field(reader, columns[2]);
        string rawBirthDate = RegistryFileColumns.Field(reader, columns[3]);
        string rawStatus = RegistryFileColumns.Field(reader, columns[4]);
        string rawDeathDate = RegistryFileColumns.Field(reader, columns[5]);

        RegistryFileColumns.RequireValue(rawNumber, fileName, row, RequiredColumns[0]);
        string number = RegistryKeys.NormalizeCitizenIdNumber(rawNumber)
            ?? throw new ExtractReadException(MessageFormat.Format(Messages.Registry_InvalidKey, fileName, row, RequiredColumns[0], ValueMasking.MaskEmbeddedNumbers(rawNumber), Messages.Registry_CitizenIdShape));
        RegistryFileColumns.RequireValue(name, fileName, row, RequiredColumns[1]);
        char sex = RegistryValues.ParseSex(rawSex)
            ?? throw RegistryFileColumns.UnknownValue(fileName, row, RequiredColumns[2], rawSex, RegistryValues.SexChoices);
        var status = RegistryValues.ParsePersonStatus(rawStatus)
            ?? throw RegistryFileColumns.UnknownValue(fileName, row, RequiredColumns[4], rawStatus, RegistryValues.PersonStatusChoices);
        DateOnly? birthDate = RegistryFileColumns.ParseOptionalDate(rawBirthDate, fileName, row, RequiredColumns[3]);
        DateOnly? deathDate = RegistryFileColumns.ParseOptionalDate(rawDeathDate, fileName, row, OptionalColumns[0]);
        return new PersonRegistryRecord(number, name, sex, birthDate, status, deathDate);
    }
}
