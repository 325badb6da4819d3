using Jinbao.Quality.Checking;
using Jinbao.Standards.CodeSets;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// Reads the linking keys of every checked record of one file into the bundle's key sets. The keys
/// are parsed on the checking threads and added on the merging thread, so records arrive in file order.
/// </summary>
internal sealed class ReferenceCollector : IBlockObserver
{
    private readonly RecordSpool<ReferenceRecord> _target;
    private readonly ReferenceKeys _keys;
    private readonly ushort _file;
    private readonly int _headerColumns;
    private readonly int _code;
    private readonly int _start;
    private readonly int _end;
    private readonly bool _startIsPeriod;
    private readonly CodeSet? _codeSet;
    private readonly string[] _codes = [];

    public ReferenceCollector(RecordSpool<ReferenceRecord> target, ReferenceKeys keys, int file, IReadOnlyList<ColumnBinding> columns, int headerColumns)
    {
        _target = target;
        _keys = keys;
        _file = checked((ushort)file);
        _headerColumns = headerColumns;
        int Find(string id) => columns.ToList().FindIndex(c => c.Element.Id == id);
        _code = Find("InsuranceType") is int insurance and >= 0 ? insurance : Find("BenefitType");
        int period = Find("ContributionPeriod") is int contribution and >= 0 ? contribution : Find("PaymentPeriod");
        _startIsPeriod = period >= 0;
        _start = _startIsPeriod ? period : Find("EnrolmentDate");
        _end = Find("TerminationDate");
        if (_code >= 0 && columns[_code].CodeSet is { } set)
        {
            _codeSet = set;
            _codes = CodeOrder(set);
        }
    }

    /// <summary>Returns the codes of a set in the order <see cref="ReferenceRecord.Code"/> numbers them.</summary>
    public static string[] CodeOrder(CodeSet set) => [.. set.Codes.Keys.Order(StringComparer.Ordinal)];

    public void Prepare(RecordBlock block)
    {
        if (block.ObserverState is not PreparedKeys prepared)
        {
            prepared = new PreparedKeys(_keys.ForAnotherThread());
            block.ObserverState = prepared;
        }

        prepared.Count = 0;
        for (int r = 0; r < block.Count; r++)
        {
            int fields = block.FieldCounts[r];
            if (fields != 0 && fields != _headerColumns)
            {
                // The values stand under the wrong headers; record.field-count reports the row.
                continue;
            }

            var keys = prepared.Keys;
            var record = new ReferenceRecord { Row = checked((int)block.Rows[r]), File = _file, End = int.MaxValue };
            // The record rules validated the identity number and credit code and kept their keys.
            record.Person = block.PersonKeys[r];
            var employer = block.CreditCodeKeys[r];
            record.EmployerHigh = (ulong)(employer >> 64);
            record.EmployerLow = (ulong)employer;

            if (_codeSet is not null)
            {
                record.Code = keys.Code(block.Field(r, _code), _codeSet, _codes);
            }

            if (_start >= 0)
            {
                record.Start = _startIsPeriod ? ReferenceKeys.PeriodMonth(block.Field(r, _start)) : ReferenceKeys.DateMonth(block.Field(r, _start));
            }

            if (_end >= 0 && ReferenceKeys.DateMonth(block.Field(r, _end)) is int end and >= 0)
            {
                record.End = end;
            }

            if (record.Person != 0 || record.HasEmployer)
            {
                prepared.Add(record);
            }
        }
    }

    public void Observe(RecordBlock block)
    {
        var prepared = (PreparedKeys)block.ObserverState!;
        for (int i = 0; i < prepared.Count; i++)
        {
            _target.Add(prepared.Records[i]);
        }
    }

    /// <summary>The keys parsed from one block, and the parser of the thread that prepares the block.</summary>
    private sealed class PreparedKeys(ReferenceKeys keys)
    {
        public ReferenceKeys Keys { get; } = keys;

        public ReferenceRecord[] Records { get; private set; } = new ReferenceRecord[RecordBlock.RecordsPerBlock];

        public int Count { get; set; }

        public void Add(in ReferenceRecord record)
        {
            if (Count == Records.Length)
            {
                var larger = Records;
                Array.Resize(ref larger, Records.Length * 2);
                Records = larger;
            }

            Records[Count++] = record;
        }
    }
}
