using Jinbao.Quality.CrossFile;
using Jinbao.Standards;
using Sylvan.Data.Csv;

namespace Jinbao.Quality.Samples;

/// <summary>One record of a generated business extract, with its linking keys parsed as the cross-file check parses them.</summary>
internal sealed class BusinessRow
{
    public int Row { get; init; }

    /// <summary>Whether the row has more or fewer fields than the header, so the check reads no keys from it.</summary>
    public bool WrongFieldCount { get; init; }

    public ulong Person { get; init; }

    public UInt128 Employer { get; init; }

    public ushort Code { get; init; }

    /// <summary>The month of the period or enrolment date, or -1.</summary>
    public int Start { get; init; } = -1;

    /// <summary>The day number of the enrolment date, or -1.</summary>
    public int StartDay { get; init; } = -1;

    /// <summary>The month of the termination date, or <see cref="int.MaxValue"/>.</summary>
    public int End { get; init; } = int.MaxValue;

    /// <summary>The raw identity number, credit code, period and amount cells by column position, <see langword="null"/> where the row has no such cell.</summary>
    public string? RawPerson { get; init; }

    public string? RawEmployer { get; init; }

    public string? RawPeriod { get; init; }

    public string? RawAmount { get; init; }
}

/// <summary>Reads a generated business extract into <see cref="BusinessRow"/> records.</summary>
internal static class BusinessRows
{
    public static List<BusinessRow> Read(string path, ReferenceKeys keys)
    {
        var rows = new List<BusinessRow>();
        using var reader = CsvDataReader.Create(path);
        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        int Column(params string[] names) => header.FindIndex(h => names.Contains(h));
        int person = Column("公民身份号码");
        int employer = Column("统一社会信用代码");
        int code = Column("险种类型", "待遇类型");
        int period = Column("费款所属期", "发放期");
        int enrolmentDate = Column("参保日期");
        int termination = Column("终止日期");
        int amount = Column("发放金额");
        var codeSet = StandardsCatalog.Default.CodeSets.Get(header.Contains("待遇类型") ? "BenefitType" : "InsuranceType");
        string[] codes = ReferenceCollector.CodeOrder(codeSet);
        int row = 1;
        while (reader.Read())
        {
            row++;
            string? Cell(int column) => column >= 0 && column < reader.RowFieldCount ? reader.GetString(column) : null;
            bool wrong = reader.RowFieldCount != header.Count;
            int start = -1;
            if (!wrong && period >= 0)
            {
                start = ReferenceKeys.PeriodMonth(Cell(period));
            }
            else if (!wrong && enrolmentDate >= 0)
            {
                start = ReferenceKeys.DateMonth(Cell(enrolmentDate));
            }

            rows.Add(new BusinessRow
            {
                Row = row,
                WrongFieldCount = wrong,
                Person = wrong || person < 0 ? 0 : keys.Person(Cell(person)),
                Employer = wrong || employer < 0 ? 0 : keys.Employer(Cell(employer)),
                Code = wrong || code < 0 ? (ushort)0 : keys.Code(Cell(code), codeSet, codes),
                Start = start,
                StartDay = !wrong && enrolmentDate >= 0 && Checking.RecordChecker.TryParseDate(Cell(enrolmentDate).AsSpan().Trim(), out var day) ? day.DayNumber : -1,
                End = !wrong && termination >= 0 && ReferenceKeys.DateMonth(Cell(termination)) is int end and >= 0 ? end : int.MaxValue,
                RawPerson = Cell(person),
                RawEmployer = Cell(employer),
                RawPeriod = Cell(period),
                RawAmount = Cell(amount),
            });
        }

        return rows;
    }
}
