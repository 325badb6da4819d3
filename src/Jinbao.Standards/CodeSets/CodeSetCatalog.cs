namespace Jinbao.Standards.CodeSets;

/// <summary>The code sets shipped with the product, by id.</summary>
public sealed class CodeSetCatalog
{
    private readonly Dictionary<string, CodeSet> _sets;

    private CodeSetCatalog(IEnumerable<CodeSet> sets) => _sets = sets.ToDictionary(s => s.Id, StringComparer.Ordinal);

    /// <summary>Loads the code sets compiled into the product.</summary>
    public static CodeSetCatalog LoadDefault()
    {
        var sets = new[]
        {
            Load("Sex", "GB/T 2261.1-2003", "CodeSets/gbt2261-1-gender.csv", ExtraAliasesForSex),
            Load("Ethnicity", "GB/T 3304-1991", "CodeSets/gbt3304-ethnicity.csv", ExtraAliasesForEthnicity),
            Load("Education", "GB/T 4658-2006", "CodeSets/gbt4658-education.csv", []),
            Load("IdDocumentType", "人社证件类型代码", "CodeSets/id-document-type.csv", []),
            Load("InsuranceType", "人社险种类型代码", "CodeSets/insurance-type.csv", []),
            Load("EnrolmentStatus", "人社参保状态代码", "CodeSets/enrolment-status.csv", []),
            Load("BenefitType", "人社待遇类型代码（产品自定）", "CodeSets/benefit-type.csv", []),
        };
        return new CodeSetCatalog(sets);
    }

    /// <summary>Returns a code set by id.</summary>
    /// <exception cref="KeyNotFoundException">No code set has that id.</exception>
    public CodeSet Get(string id) =>
        _sets.TryGetValue(id, out var set) ? set : throw new KeyNotFoundException($"Code set '{id}' is not defined.");

    /// <summary>All code sets.</summary>
    public IEnumerable<CodeSet> All => _sets.Values;

    // 男/女 are what most business systems and spreadsheets write for GB/T 2261.1 codes 1/2.
    private static readonly KeyValuePair<string, string>[] ExtraAliasesForSex =
    [
        new("男", "1"), new("女", "2"),
    ];

    // Public-security systems write 97/98 for the two extension codes; some systems write 57/58.
    private static readonly KeyValuePair<string, string>[] ExtraAliasesForEthnicity =
    [
        new("57", "97"), new("58", "98"),
    ];

    private static CodeSet Load(string id, string standard, string path, IEnumerable<KeyValuePair<string, string>> extraAliases)
    {
        var codes = new List<KeyValuePair<string, string>>();
        var aliases = new List<KeyValuePair<string, string>>(extraAliases);
        foreach (string[] row in EmbeddedData.ReadSimpleCsv(path))
        {
            string code = row[0].Trim();
            string name = row[1].Trim();
            codes.Add(new(code, name));
            aliases.Add(new(name, code));

            // A spreadsheet turns "01" into the number 1; recognise the code it came from.
            if (code.Length == 2 && code[0] == '0')
            {
                aliases.Add(new(code[1..], code));
            }

            // GB/T 3304 also defines a two-letter code per group (HA for 汉族).
            if (row.Length > 2 && row[2].Trim().Length > 0)
            {
                aliases.Add(new(row[2].Trim(), code));
            }
        }

        // Names such as "汉族" and "汉" are both written in the wild.
        foreach (var (code, name) in codes.ToArray())
        {
            if (name.EndsWith('族') && name.Length >= 2)
            {
                aliases.Add(new(name[..^1], code));
            }

            if (name.EndsWith('性') && name.Length == 2)
            {
                aliases.Add(new(name[..1], code));
            }
        }

        var distinct = aliases.GroupBy(a => a.Key, StringComparer.Ordinal).Select(g => g.First());
        return new CodeSet(id, standard, codes, distinct);
    }
}
