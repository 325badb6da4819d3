using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards;
using Jinbao.Standards.Elements;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Applies the record rules to every record of a block. One instance per worker thread: it owns
/// scratch buffers. The clean path allocates nothing; strings are made only for findings.
/// </summary>
internal sealed partial class RecordChecker
{
    private readonly ColumnBinding[] _columns;
    private readonly StandardsCatalog _standards;
    private readonly DateOnly _today;
    private readonly int _todayNumber;
    private readonly bool[] _enabled;
    private readonly ushort[] _flagBits;
    private readonly int _minAge;
    private readonly int _maxAge;
    private readonly int _documentTypeColumn;
    private readonly int _sexElementColumn;
    private readonly int _birthDateElementColumn;
    private readonly char[] _scratch = new char[256];
    private readonly Standards.Parameters.ContributionParameters _contributionParameters;

    // Null for the person and employer datasets, so their records skip the business rules.
    private readonly BusinessColumns? _business;

    // The codes of the business-line code set in a fixed order, which the report's tally shares.
    private readonly string[] _businessLineCodes = [];

    // The state of the record being checked, read by the cross-field rules after the columns.
    private RecordBlock _block = null!;
    private int _record;
    private PersonIdCheck _personId;
    private int _personIdColumn;
    private UsccCheck _uscc;
    private int _usccColumn;
    private DateOnly? _birthDate;
    private int _birthDateColumn;
    private byte _sexCode;
    private int _sexColumn;
    private int _division;
    private int _divisionColumn;

    private readonly RecordShape _shape;
    private readonly bool _usccIsKey;

    public RecordChecker(IReadOnlyList<ColumnBinding> columns, RuleSet rules, StandardsCatalog standards, DateOnly today, RecordShape shape)
    {
        _shape = shape;
        _usccIsKey = !columns.Any(c => c.Element.Kind == ElementKind.PersonIdNumber);
        _columns = [.. columns];
        _standards = standards;
        _today = today;
        _todayNumber = (today.Year * 10000) + (today.Month * 100) + today.Day;
        _enabled = new bool[RuleIds.Capacity];
        _flagBits = new ushort[RuleIds.Capacity];
        foreach (var id in rules.EnabledRules)
        {
            var setting = rules.Get(id)!;
            _enabled[(int)id] = true;
            _flagBits[(int)id] = (ushort)(1 << ((int)setting.Dimension + (setting.Severity == Severity.Error ? 0 : 8)));
        }

        _minAge = rules.GetParameter(RuleId.PersonAgeRange, "minAge", RuleParameters.DefaultMinAge);
        _maxAge = rules.GetParameter(RuleId.PersonAgeRange, "maxAge", RuleParameters.DefaultMaxAge);
        _documentTypeColumn = Array.FindIndex(_columns, c => c.Element.Id == "IdDocumentType");
        _sexElementColumn = Array.FindIndex(_columns, c => c.Element.Id == "Sex");
        _birthDateElementColumn = Array.FindIndex(_columns, c => c.Element.Id == "BirthDate");
        _business = BusinessColumns.Bind(_columns, standards.FindDataset(rules.Dataset), rules);
        if (_business is not null && BusinessLineColumn(_business) is int lineColumn and >= 0)
        {
            _businessLineCodes = BusinessLineCodes(_columns[lineColumn].CodeSet!);
        }

        BindCustomRules(rules);
        _contributionParameters = rules.ContributionParameters ?? standards.ContributionParameters;
    }

    /// <summary>Returns a code set's codes in the order business-line positions refer to.</summary>
    internal static string[] BusinessLineCodes(Standards.CodeSets.CodeSet set) => [.. set.Codes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Checks every record of the block, writing findings, flags and keys into it.</summary>
    public void Check(RecordBlock block)
    {
        _block = block;
        for (int r = 0; r < block.Count; r++)
        {
            _record = r;
            CheckRecord();
        }
    }

    private void CheckRecord()
    {
        _personIdColumn = -1;
        _usccColumn = -1;
        _birthDate = null;
        _birthDateColumn = -1;
        _sexCode = 0;
        _sexColumn = -1;
        _division = -1;
        _divisionColumn = -1;
        _block.Divisions[_record] = -1;
        _block.BusinessLines[_record] = -1;

        // A row with too many or too few fields has its values under the wrong headers. Checking
        // them would only produce misleading findings, so the row gets this one finding.
        int fields = _block.FieldCounts[_record];
        if (fields != 0 && fields != _shape.HeaderColumns && IsEnabled(RuleId.FieldCount))
        {
            Emit(RuleId.FieldCount, NoColumn, "", MessageFormat.Format(Messages.Finding_FieldCount, fields, _shape.HeaderColumns, DescribeDelimiter(_shape.Delimiter)));
            return;
        }

        for (int c = 0; c < _columns.Length; c++)
        {
            var raw = _block.Field(_record, c);
            var column = _columns[c];
            if (raw.IsEmpty || (char.IsWhiteSpace(raw[0]) && IsBlank(raw)))
            {
                if (column.Required)
                {
                    Emit(RuleId.Required, c, "", MessageFormat.Format(Messages.Finding_Required, column.Header));
                }

                continue;
            }

            CheckField(c, column, raw);
        }

        CheckCrossFields();
        CheckCustomRules();
        if (_business is not null)
        {
            CheckBusinessRecord(_business);
        }

        _block.Divisions[_record] = _standards.Divisions.IndexOf(RecordDivision());
    }

    // The division a record is counted under in the scorecard: its own division column, else the
    // division its identity number or credit code was issued in.
    private int RecordDivision()
    {
        if (_division > 0)
        {
            return _division;
        }

        if (_personIdColumn >= 0 && _personId.IsValid && _personId.DivisionCode > 0)
        {
            return _personId.DivisionCode;
        }

        if (_usccColumn >= 0 && _uscc.Failure is UsccFailure.None or UsccFailure.LegacyCheckCharacter)
        {
            return _uscc.DivisionCode;
        }

        return -1;
    }

    private void CheckField(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        switch (column.Element.Kind)
        {
            case ElementKind.PersonIdNumber:
                CheckPersonId(c, column, raw);
                break;
            case ElementKind.UnifiedSocialCreditCode:
                CheckUscc(c, column, raw);
                break;
            case ElementKind.PersonName:
                CheckName(c, column, raw);
                break;
            case ElementKind.Code:
                CheckCode(c, column, raw);
                break;
            case ElementKind.Date:
                CheckDate(c, column, raw);
                break;
            case ElementKind.DivisionCode:
                CheckDivision(c, column, raw);
                break;
            case ElementKind.PhoneNumber:
                CheckPhone(c, column, raw);
                break;
            case ElementKind.Period:
                CheckPeriod(c, column, raw);
                break;
            case ElementKind.Money:
                CheckMoney(c, column, raw);
                break;
            case ElementKind.BankCardNumber:
                CheckBankCard(c, column, raw);
                break;
            default:
                CheckLength(c, column, raw.Trim());
                break;
        }
    }

    /// <summary>The column index of a finding about the whole record.</summary>
    internal const int NoColumn = -1;

    private static string DescribeDelimiter(char delimiter) => delimiter switch
    {
        '\t' => "Tab",
        _ => delimiter.ToString(),
    };

    /// <summary>Records a finding unless its rule is disabled.</summary>
    private void Emit(RuleId rule, int column, string value, string message)
    {
        if (!_enabled[(int)rule])
        {
            return;
        }

        _block.Flags[_record] |= _flagBits[(int)rule];
        _block.Findings.Add(new PendingFinding(_record, column, rule, value, message));
    }

    private bool IsEnabled(RuleId rule) => _enabled[(int)rule];

    private static bool IsBlank(ReadOnlySpan<char> value)
    {
        foreach (char ch in value)
        {
            if (!char.IsWhiteSpace(ch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Prepares a value for display: shortened so a runaway field cannot bloat a report (never
    /// between the halves of a surrogate pair), and with any identity or mobile number masked.
    /// </summary>
    internal static string Show(ReadOnlySpan<char> value)
    {
        if (value.Length > 64)
        {
            int keep = char.IsHighSurrogate(value[60]) ? 60 : 61;
            value = string.Concat(value[..keep], "…");
        }

        return ValueMasking.MaskEmbeddedNumbers(value);
    }
}
