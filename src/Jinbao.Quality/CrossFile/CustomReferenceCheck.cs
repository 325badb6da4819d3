using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// Applies the <c>reference</c> rules that rule files add: a value of the referring file must occur
/// in the named field of a file of the target dataset. It runs after the files are checked, reading
/// only the columns the rules name. The target values are held in memory as 128-bit hashes.
/// </summary>
/// <remarks>
/// NOTE: unlike the built-in references, these sets do not spill to disk; ten million distinct
/// target values take about 400 MB.
/// </remarks>
internal sealed class CustomReferenceCheck
{
    private readonly Dictionary<int, List<Finding>> _findings = [];
    private readonly List<string> _notes = [];

    /// <summary>Runs every added reference rule of every file.</summary>
    /// <param name="files">The files in check order with the path each can be read from again.</param>
    /// <param name="rulesOf">The rules of a dataset.</param>
    /// <param name="template">The encoding and sheet the files were read with.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public CustomReferenceCheck(IReadOnlyList<(ReferenceFile File, string Path)> files, Func<string, RuleSet> rulesOf, CheckOptions template, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<(string Dataset, string Field), HashSet<UInt128>>();
        foreach (var (file, path) in files)
        {
            var rules = rulesOf(file.Dataset);
            foreach (var (id, rule) in rules.CustomRules.Where(r => r.Rule.Kind == CustomRuleKind.Reference))
            {
                var targetFiles = files.Where(f => f.File.Dataset == rule.TargetDataset).ToList();
                if (targetFiles.Count == 0)
                {
                    string name = StandardsCatalog.Default.FindDataset(rule.TargetDataset!)?.Name ?? rule.TargetDataset!;
                    _notes.Add(MessageFormat.Format(Messages.Reference_TargetAbsent, name, rules.Describe(id), rule.Id));
                    continue;
                }

                var key = (rule.TargetDataset!, rule.TargetField!.Id);
                if (!targets.TryGetValue(key, out var values))
                {
                    values = [];
                    foreach (var (_, targetPath) in targetFiles)
                    {
                        Collect(targetPath, rule.TargetDataset!, rule.TargetField, template, values, cancellationToken);
                    }

                    targets[key] = values;
                }

                Probe(file, path, rule, rules.Get(id)!, template, values, cancellationToken);
            }
        }

        foreach (var list in _findings.Values)
        {
            list.Sort((a, b) => a.Row.CompareTo(b.Row));
        }
    }

    /// <summary>Notes on rules that found no file of their target dataset.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Returns the findings of a file in row order.</summary>
    public IReadOnlyList<Finding> FindingsOf(int file) => _findings.TryGetValue(file, out var list) ? list : [];

    private static void Collect(string path, string dataset, DataElement field, CheckOptions template, HashSet<UInt128> values, CancellationToken cancellationToken)
    {
        using var reader = ExtractRecordReader.Open(path, dataset, template.Encoding, template.Sheet);
        int column = reader.ColumnOf(field.Id);
        while (column >= 0 && reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = reader.GetField(column).Trim();
            if (!value.IsEmpty)
            {
                values.Add(Hash(field, value));
            }
        }
    }

    private void Probe(ReferenceFile file, string path, CustomRule rule, RuleSetting setting, CheckOptions template, HashSet<UInt128> values, CancellationToken cancellationToken)
    {
        using var reader = ExtractRecordReader.Open(path, file.Dataset, template.Encoding, template.Sheet);
        int column = reader.ColumnOf(rule.Field.Id);
        string header = file.Header(rule.Field.Id);
        while (column >= 0 && reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = reader.GetField(column).Trim();
            if (value.IsEmpty || values.Contains(Hash(rule.Field, value)))
            {
                continue;
            }

            if (!_findings.TryGetValue(file.Index, out var list))
            {
                _findings[file.Index] = list = [];
            }

            string masked = RecordChecker.Show(value);
            list.Add(new Finding(reader.Row, rule.Field.Id, header, rule.Id, setting.Severity, setting.Dimension, masked, CustomRuleText.Message(rule, header, masked)));
        }
    }

    // Identity numbers and credit codes compare without regard to the case of their letters.
    private static UInt128 Hash(DataElement field, ReadOnlySpan<char> value)
    {
        bool foldCase = field.Kind is ElementKind.PersonIdNumber or ElementKind.UnifiedSocialCreditCode;
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        if (foldCase)
        {
            value.ToUpperInvariant(buffer);
        }
        else
        {
            value.CopyTo(buffer);
        }

        return System.IO.Hashing.XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes((ReadOnlySpan<char>)buffer));
    }
}
