using System.Text;
using Jinbao.Exchange.Packages;
using Jinbao.Exchange.Resources;
using Jinbao.Quality.Registry;

namespace Jinbao.Exchange.Inbound;

/// <summary>How many notices changed the stored registry and how many named no one in it.</summary>
public sealed record RegistryUpdateResult(int Updated, int Unknown);

/// <summary>
/// The registry extracts a node keeps for verification, as UTF-8 CSV in <c>DATA/registries/</c>:
/// <c>population-registry.csv</c> (the columns of <see cref="FilePopulationRegistry"/>) and
/// <c>legal-entity-registry.csv</c> (those of <see cref="FileLegalEntityRegistry"/>). Partner notices update
/// them in place, so the next verification against them reports payments after death and contributions of
/// closed employers.
/// </summary>
public sealed class RegistryStore(string dataFolder)
{
    public const string PopulationFile = "population-registry.csv";
    public const string LegalEntityFile = "legal-entity-registry.csv";

    /// <summary>Serialises updates within the process, so two notice packages received at once do not lose each other's rows.</summary>
    private static readonly Lock UpdateLock = new();

    public string Folder { get; } = Path.Combine(dataFolder, "registries");

    public string PathOf(string dataset) => Path.Combine(Folder, dataset == RegistryNotices.DeathDataset ? PopulationFile : LegalEntityFile);

    /// <summary>
    /// Applies notices to the stored extract: a death sets 人员状态 to 死亡 and 死亡日期, a closure sets 登记状态
    /// and 注销日期. The file is replaced only when every row was written. Notices for keys the extract does
    /// not contain change nothing and are counted. <paramref name="record"/> (the sharing repository's update) then
    /// runs under the same lock, so two notice calls or packages for one key at the same moment reach the extract
    /// and the repository in the same order, and both keep the later date.
    /// </summary>
    /// <exception cref="InvalidDataException">The stored extract is missing or lacks its key column; the message is Chinese.</exception>
    /// <remarks>NOTE: updates are serialised within one process only; two processes updating the same data folder can lose rows.</remarks>
    public (RegistryUpdateResult Result, long Events) Apply(string dataset, IReadOnlyList<RegistryNotice> notices, Func<long> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (UpdateLock)
        {
            var result = ApplyCore(dataset, notices);
            return (result, record());
        }
    }

    /// <summary>
    /// Checks that the stored extract exists and has its key column, so that a call or package with both kinds of notice
    /// is refused before the first kind is written.
    /// </summary>
    /// <exception cref="InvalidDataException">The stored extract is missing or lacks its key column; the message is Chinese.</exception>
    public void EnsureUsable(string dataset)
    {
        string path = PathOf(dataset);
        if (!File.Exists(path))
        {
            throw new InvalidDataException(Text.Format(PackageText.RegistryMissing, path));
        }

        using var parser = RegistryNotices.Open(path);
        KeyColumn(path, dataset, RegistryNotices.ReadFields(parser, path) ?? []);
    }

    private static int KeyColumn(string path, string dataset, IList<string> header)
    {
        string name = dataset == RegistryNotices.DeathDataset ? "公民身份号码" : "统一社会信用代码";
        int key = header.IndexOf(name);
        return key >= 0 ? key : throw new InvalidDataException(Text.Format(PackageText.NoticeColumnMissing, path, name));
    }

    private RegistryUpdateResult ApplyCore(string dataset, IReadOnlyList<RegistryNotice> notices)
    {
        string path = PathOf(dataset);
        if (!File.Exists(path))
        {
            throw new InvalidDataException(Text.Format(PackageText.RegistryMissing, path));
        }

        bool deaths = dataset == RegistryNotices.DeathDataset;
        var pending = new Dictionary<string, RegistryNotice>(StringComparer.Ordinal);
        foreach (var notice in notices)
        {
            pending[notice.Key] = notice;
        }

        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        int updated = 0;
        try
        {
            using (var parser = RegistryNotices.Open(path))
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                var header = (RegistryNotices.ReadFields(parser, path) ?? []).ToList();
                int key = KeyColumn(path, dataset, header);

                int status = IndexOrAppend(header, deaths ? "人员状态" : "登记状态");
                int date = IndexOrAppend(header, deaths ? "死亡日期" : "注销日期");
                WriteRow(writer, header);
                while (RegistryNotices.ReadFields(parser, path) is { } read)
                {
                    var fields = read.ToList();
                    while (fields.Count < header.Count)
                    {
                        fields.Add("");
                    }

                    if (pending.Remove(fields[key].Trim(), out var notice))
                    {
                        fields[status] = deaths ? "死亡" : RegistryNotices.StatusName(notice.Status!.Value);
                        fields[date] = RegistryNotices.FormatDate(notice.Date);
                        updated++;
                    }

                    WriteRow(writer, fields);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new RegistryUpdateResult(updated, pending.Count);
    }

    private static int IndexOrAppend(List<string> header, string column)
    {
        int index = header.IndexOf(column);
        if (index >= 0)
        {
            return index;
        }

        header.Add(column);
        return header.Count - 1;
    }

    private static void WriteRow(StreamWriter writer, IReadOnlyList<string> fields)
    {
        writer.Write(string.Join(",", fields.Select(Quote)));
        writer.Write("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
