using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Findings kept in a temporary file while a check runs, so memory does not grow with the number
/// of findings; the report writers read them back in row order. Deleting the spill deletes the file.
/// </summary>
public sealed class FindingSpill : IDisposable
{
    private readonly string _path;
    private readonly string[] _fields;
    private readonly string[] _columns;
    private readonly RuleSetting?[] _rules;
    private BinaryWriter? _writer;

    internal FindingSpill(IReadOnlyList<ColumnBinding> columns, RuleSet rules)
    {
        _path = Path.Combine(Path.GetTempPath(), $"jinbao-findings-{Guid.NewGuid():N}.bin");
        _fields = columns.Select(c => c.Element.Id).ToArray();
        _columns = columns.Select(c => c.Header).ToArray();
        _rules = Enumerable.Range(0, RuleIds.Capacity).Select(i => rules.Get((RuleId)i)).ToArray();
        _writer = new BinaryWriter(new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
    }

    /// <summary>The number of findings written.</summary>
    public long Count { get; private set; }

    /// <summary>The first findings, kept in memory for the HTML page.</summary>
    public List<Finding> Head { get; } = [];

    /// <summary>How many findings <see cref="Head"/> keeps.</summary>
    public int HeadCapacity { get; init; } = 1000;

    internal void Add(long row, PendingFinding finding)
    {
        var writer = _writer ?? throw new InvalidOperationException("The spill is closed for writing.");
        writer.Write(row);
        // A finding about the whole record has no column; it is stored as ushort.MaxValue.
        writer.Write(finding.Column < 0 ? ushort.MaxValue : (ushort)finding.Column);
        writer.Write((byte)finding.Rule);
        writer.Write(finding.Value);
        writer.Write(finding.Message);
        Count++;
        if (Head.Count < HeadCapacity)
        {
            Head.Add(ToFinding(row, finding.Column, finding.Rule, finding.Value, finding.Message));
        }
    }

    /// <summary>Closes the spill for writing; reading is possible only after this.</summary>
    internal void Complete()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>Reads all findings back, in the order they were written (row order).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while reading.</exception>
    public IEnumerable<Finding> ReadAll(CancellationToken cancellationToken = default)
    {
        if (_writer is not null)
        {
            throw new InvalidOperationException("The spill is still being written.");
        }

        using var reader = new BinaryReader(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        var garbage = new GarbageBudget();
        for (long i = 0; i < Count; i++)
        {
            if (i % 4096 == 0)
            {
                garbage.Tick();
                cancellationToken.ThrowIfCancellationRequested();
            }

            long row = reader.ReadInt64();
            int column = reader.ReadUInt16();
            var rule = (RuleId)reader.ReadByte();
            string value = reader.ReadString();
            string message = reader.ReadString();
            yield return ToFinding(row, column, rule, value, message);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        File.Delete(_path);
    }

    private Finding ToFinding(long row, int column, RuleId rule, string value, string message)
    {
        var setting = _rules[(int)rule]!;
        bool wholeRecord = column < 0 || column >= _fields.Length;
        return new Finding(row, wholeRecord ? "" : _fields[column], wholeRecord ? "" : _columns[column], RuleIds.Name(rule, setting), setting.Severity, setting.Dimension, value, message);
    }
}
