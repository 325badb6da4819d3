using System.Globalization;
using System.Text;
using Jinbao.Quality.CrossFile;
using Jinbao.Standards;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Derives the base extracts, the covering enrolments and the registries of a bundle sample from its
/// generated business extracts, plants the cross-file and registry faults, and predicts the findings.
/// </summary>
internal sealed partial class BundlePlan
{
    private const string LineBreak = "\r\n";

    private readonly SampleRandom _random;
    private readonly SampleDivisions _divisions;
    private readonly DateOnly _today;
    private readonly List<BusinessRow> _contributions;
    private readonly List<BusinessRow> _payments;
    private readonly List<BusinessRow> _enrolments;
    private readonly string[] _insuranceCodes;

    // Faults planted per kind: enough to see each kind several times, few enough to keep most rows
    // clean. At most 200, because a left-out employer alone spoils every enrolment it has.
    private readonly int _faultsPerKind;

    // The persons and employers of the person and employer extracts, with what was written for them.
    private readonly Dictionary<ulong, PersonEntry> _persons = [];
    private readonly Dictionary<UInt128, EmployerEntry> _employers = [];

    public BundlePlan(SampleRandom random, SampleDivisions divisions, DateOnly today, List<BusinessRow> contributions, List<BusinessRow> payments, List<BusinessRow> enrolments)
    {
        _random = random;
        _divisions = divisions;
        _today = today;
        _contributions = contributions;
        _payments = payments;
        _enrolments = enrolments;
        _insuranceCodes = ReferenceCollector.CodeOrder(StandardsCatalog.Default.CodeSets.Get("InsuranceType"));
        _faultsPerKind = Math.Clamp(contributions.Count / 1000, 2, 200);
    }

    /// <summary>Appends to the generated enrolment extract the enrolments that cover the contributions and payments, less the planted omissions and shortenings.</summary>
    public void AppendEnrolments(string path)
    {
        var taken = _enrolments.Where(e => !e.WrongFieldCount && e.Person != 0 && e.Code != 0 && e.StartDay >= 0)
            .Select(e => (e.Person, e.Code, e.StartDay))
            .ToHashSet();
        var groups = _contributions
            .Where(c => !c.WrongFieldCount && c.Person != 0 && IsStrictCode(c.Employer) && c.Code != 0 && c.Start >= 0)
            .GroupBy(c => (c.Person, c.Employer, c.Code))
            .Select(g => (g.Key.Person, g.Key.Employer, g.Key.Code, First: g.Min(c => c.Start), Last: g.Max(c => c.Start)))
            .OrderBy(g => g.Person).ThenBy(g => g.Employer).ThenBy(g => g.Code)
            .ToArray();
        _random.Shuffle(groups);

        var employers = groups.Select(g => g.Employer).Distinct().Order().ToArray();
        var appended = new List<(ulong Person, UInt128 Employer, ushort Code, DateOnly Start)>();
        int omitted = 0;
        int shortened = 0;
        foreach (var group in groups)
        {
            int first = group.First;
            if (omitted < _faultsPerKind)
            {
                omitted++;
                continue;
            }

            if (shortened < _faultsPerKind && group.Last > group.First)
            {
                shortened++;
                first++;
            }

            appended.Add((group.Person, group.Employer, group.Code, FreeDay(taken, group.Person, group.Code, first)));
        }

        // Every person paid a benefit needs an enrolment, except a few left without one on purpose.
        var enrolled = _enrolments.Where(e => !e.WrongFieldCount && e.Person != 0).Select(e => e.Person)
            .Concat(appended.Select(a => a.Person))
            .ToHashSet();
        var paid = _payments.Where(p => !p.WrongFieldCount && p.Person != 0 && !enrolled.Contains(p.Person)).Select(p => p.Person).Distinct().Order().ToArray();
        _random.Shuffle(paid);
        ushort pension = (ushort)(Array.IndexOf(_insuranceCodes, "110") + 1);
        foreach (ulong person in paid.Skip(_faultsPerKind))
        {
            int month = ((_today.Year - 12) * 12) + _random.Next(96);
            appended.Add((person, _random.Pick(employers), pension, FreeDay(taken, person, pension, month)));
        }

        var builder = new StringBuilder();
        int row = _enrolments.Count + 1;
        foreach (var (person, employer, code, start) in appended)
        {
            row++;
            builder.Append(ReferenceKeys.PersonText(person)).Append(',')
                .Append(ReferenceKeys.EmployerText(employer)).Append(',')
                .Append(_insuranceCodes[code - 1]).Append(',')
                .Append(start.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append(",1,").Append(LineBreak);
            _enrolments.Add(new BusinessRow
            {
                Row = row,
                Person = person,
                Employer = employer,
                Code = code,
                Start = (start.Year * 12) + start.Month - 1,
                StartDay = start.DayNumber,
                RawPerson = ReferenceKeys.PersonText(person),
                RawEmployer = ReferenceKeys.EmployerText(employer),
            });
        }

        File.AppendAllText(path, builder.ToString(), new UTF8Encoding(false));
    }

    // Whether the credit code's check character is the GB 32100 result. A contribution may carry a
    // code accepted only with a legacy check character, which is a planted warning. The derived files
    // leave such codes out, so that they do not repeat the warning.
    private static bool IsStrictCode(UInt128 employer)
    {
        if (employer == 0)
        {
            return false;
        }

        string code = ReferenceKeys.EmployerText(employer);
        return Standards.Identifiers.UnifiedSocialCreditCode.ComputeCheckCharacter(code.AsSpan(0, 17)) == code[17];
    }

    // A day of the month that no enrolment of the person and type starts on, so the appended row is no duplicate.
    private static DateOnly FreeDay(HashSet<(ulong, ushort, int)> taken, ulong person, ushort code, int month)
    {
        var day = new DateOnly(month / 12, (month % 12) + 1, 1);
        while (!taken.Add((person, code, day.DayNumber)))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private sealed class PersonEntry
    {
        public int Row { get; set; }

        public string Name { get; set; } = "";

        public char Sex { get; set; }

        public DateOnly Birth { get; set; }

        public string RegistryName { get; set; } = "";

        public char RegistrySex { get; set; }

        public DateOnly RegistryBirth { get; set; }

        public bool InRegistry { get; set; } = true;

        public DateOnly? DeathDate { get; set; }
    }

    private sealed class EmployerEntry
    {
        public int Row { get; set; }

        public string Name { get; set; } = "";

        public string RegistryName { get; set; } = "";

        public bool InRegistry { get; set; } = true;

        public DateOnly? ClosedDate { get; set; }
    }
}
