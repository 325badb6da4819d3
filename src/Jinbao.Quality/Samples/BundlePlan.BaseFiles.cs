using System.Globalization;
using System.Text;
using Jinbao.Quality.CrossFile;

namespace Jinbao.Quality.Samples;

internal sealed partial class BundlePlan
{
    private const string DateFormat = "yyyyMMdd";

    /// <summary>Writes the person extract: every person the business extracts name, less a few left out, with a few record-rule faults.</summary>
    public void WritePersons(string path, List<BundleSampleGenerator.Answer> answers)
    {
        var referenced = _enrolments.Concat(_contributions).Concat(_payments)
            .Where(r => !r.WrongFieldCount && r.Person != 0)
            .Select(r => r.Person)
            .Distinct()
            .Order()
            .ToList();
        var omitted = Pick(_enrolments.Where(e => !e.WrongFieldCount && e.Person != 0).Select(e => e.Person).Distinct().Order(), _faultsPerKind);

        var builder = new StringBuilder("公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话" + LineBreak);
        var name = new SampleField();
        int row = 1;
        foreach (ulong person in referenced)
        {
            string id = ReferenceKeys.PersonText(person);
            char sex = (id[16] - '0') % 2 == 1 ? '1' : '2';
            var birth = DateOnly.ParseExact(id.AsSpan(6, 8), DateFormat, CultureInfo.InvariantCulture);
            name.Clear();
            string ethnicity = SampleNames.AppendPersonName(name, _random, sex - '0');
            var entry = new PersonEntry { Name = name.Span.ToString(), Sex = sex, Birth = birth, RegistryName = name.Span.ToString(), RegistrySex = sex, RegistryBirth = birth };
            _persons[person] = entry;
            if (omitted.Contains(person))
            {
                continue;
            }

            row++;
            entry.Row = row;

            // Every 41st person gets one record-rule fault, in turn an invalid ethnicity, a sex that
            // contradicts the number and a birth date one day off it.
            string sexCell = sex.ToString();
            string birthCell = birth.ToString(DateFormat, CultureInfo.InvariantCulture);
            if (row % 41 == 0)
            {
                switch (row / 41 % 3)
                {
                    case 0:
                        ethnicity = "X1";
                        answers.Add(new(BundleSampleGenerator.PersonFile, row, "Ethnicity", "code.invalid"));
                        break;
                    case 1:
                        entry.Sex = sex == '1' ? '2' : '1';
                        sexCell = entry.Sex.ToString();
                        answers.Add(new(BundleSampleGenerator.PersonFile, row, "Sex", "person.sex-mismatch"));
                        break;
                    default:
                        entry.Birth = birth.AddDays(-1);
                        birthCell = entry.Birth.ToString(DateFormat, CultureInfo.InvariantCulture);
                        answers.Add(new(BundleSampleGenerator.PersonFile, row, "BirthDate", "person.birth-date-mismatch"));
                        break;
                }
            }

            builder.Append(id).Append(',').Append(entry.Name).Append(',').Append(sexCell).Append(',').Append(birthCell).Append(',')
                .Append(ethnicity).Append(",,")
                .Append(_divisions.RandomCurrent(_random).ToString("D6", CultureInfo.InvariantCulture)).Append(',').Append(LineBreak);
        }

        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Writes the employer extract: every employer the enrolments and contributions name, less a few left out, with a few record-rule faults.</summary>
    public void WriteEmployers(string path, List<BundleSampleGenerator.Answer> answers)
    {
        var referenced = _enrolments.Concat(_contributions)
            .Where(r => !r.WrongFieldCount && IsStrictCode(r.Employer))
            .Select(r => r.Employer)
            .Distinct()
            .Order()
            .ToList();
        var omitted = Pick(_enrolments.Where(e => !e.WrongFieldCount && IsStrictCode(e.Employer)).Select(e => e.Employer).Distinct().Order(), _faultsPerKind);

        var builder = new StringBuilder("统一社会信用代码,单位名称,行政区划代码,成立日期,法定代表人" + LineBreak);
        var field = new SampleField();
        int row = 1;
        foreach (var employer in referenced)
        {
            string code = ReferenceKeys.EmployerText(employer);
            int division = int.Parse(code.AsSpan(2, 6), CultureInfo.InvariantCulture);
            if (!StandardsDivisions.IsCurrent(division))
            {
                division = _divisions.RandomCurrentInProvince(_random, division / 10_000);
            }

            field.Clear();
            SampleNames.AppendEmployerName(field, _random, code[0], code[1], _divisions.PlaceName(division), _divisions.CountyName(division));
            var entry = new EmployerEntry { Name = field.Span.ToString(), RegistryName = field.Span.ToString() };
            _employers[employer] = entry;
            if (omitted.Contains(employer))
            {
                continue;
            }

            row++;
            entry.Row = row;
            field.Clear();
            SampleNames.AppendHanName(field, _random, 1 + _random.Next(2));
            string representative = field.Span.ToString();
            string divisionCell = division.ToString("D6", CultureInfo.InvariantCulture);

            // Every 13th employer gets one record-rule fault: no legal representative, or an unknown division.
            if (row % 13 == 0)
            {
                if (row / 13 % 2 == 0)
                {
                    representative = "";
                    answers.Add(new(BundleSampleGenerator.EmployerFile, row, "LegalRepresentative", "required"));
                }
                else
                {
                    divisionCell = _divisions.RandomUnknown(_random).ToString("D6", CultureInfo.InvariantCulture);
                    answers.Add(new(BundleSampleGenerator.EmployerFile, row, "DivisionCode", "division.unknown"));
                }
            }

            builder.Append(code).Append(',').Append(entry.Name).Append(',').Append(divisionCell).Append(",,").Append(representative).Append(LineBreak);
        }

        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(false));
    }

    /// <summary>
    /// Writes both registry extracts with the true values of every person and employer, less a few
    /// left out. A few names, sexes and birth dates differ. Some names differ only in spaces or
    /// full-width forms, which must not be reported. Some persons died and some employers closed
    /// while the business extracts still show payments and contributions.
    /// </summary>
    public void WriteRegistries(string populationPath, string legalEntityPath)
    {
        var payees = _payments.Where(p => p.Person != 0).Select(p => p.Person).ToHashSet();
        var listed = _persons.Where(p => p.Value.Row > 0).Select(p => p.Key).Order().ToArray();
        _random.Shuffle(listed);
        var pick = new Queue<ulong>(listed);
        var name = new SampleField();
        foreach (ulong person in Take(pick, p => !payees.Contains(p)))
        {
            _persons[person].InRegistry = false;
        }

        foreach (ulong person in Take(pick, _ => true))
        {
            name.Clear();
            SampleNames.AppendHanName(name, _random, _persons[person].RegistrySex - '0');
            _persons[person].RegistryName = name.Span.ToString() + "某";
        }

        foreach (ulong person in Take(pick, p => _persons[p].RegistryName.Length >= 2))
        {
            // Only a space and full-width forms differ: the same name after normalisation.
            var entry = _persons[person];
            entry.RegistryName = entry.RegistryName[..1] + "\u3000" + entry.RegistryName[1..];
        }

        foreach (ulong person in Take(pick, _ => true))
        {
            _persons[person].RegistrySex = _persons[person].RegistrySex == '1' ? '2' : '1';
        }

        foreach (ulong person in Take(pick, _ => true))
        {
            _persons[person].RegistryBirth = _persons[person].RegistryBirth.AddDays(1);
        }

        // Deaths among the payees, in the month of one of their payments, so that later payments are reported.
        var dead = payees.Order().ToArray();
        _random.Shuffle(dead);
        var paidMonths = _payments.Where(p => p.Person != 0 && p.Start >= 0).ToLookup(p => p.Person, p => p.Start);
        foreach (ulong person in dead.Take(_faultsPerKind))
        {
            var months = paidMonths[person].Order().ToArray();
            if (months.Length > 0)
            {
                int month = months[months.Length / 2];
                _persons[person].DeathDate = new DateOnly(month / 12, (month % 12) + 1, 15);
            }
        }

        var population = new StringBuilder("公民身份号码,姓名,性别,出生日期,人员状态,死亡日期" + LineBreak);
        foreach (var (person, entry) in _persons.OrderBy(p => p.Key))
        {
            if (entry.InRegistry)
            {
                population.Append(ReferenceKeys.PersonText(person)).Append(',').Append(entry.RegistryName).Append(',').Append(entry.RegistrySex).Append(',')
                    .Append(entry.RegistryBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                    .Append(entry.DeathDate is { } died ? "死亡," + died.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "正常,").Append(LineBreak);
            }
        }

        File.WriteAllText(populationPath, population.ToString(), new UTF8Encoding(false));

        var contributors = _contributions.Where(c => _employers.ContainsKey(c.Employer)).Select(c => c.Employer).Distinct().Order().ToArray();
        var listedEmployers = _employers.Where(e => e.Value.Row > 0).Select(e => e.Key).Order().ToArray();
        _random.Shuffle(listedEmployers);
        var pickEmployer = new Queue<UInt128>(listedEmployers);
        foreach (var employer in Take(pickEmployer, _ => true))
        {
            _employers[employer].InRegistry = false;
        }

        foreach (var employer in Take(pickEmployer, _ => true))
        {
            _employers[employer].RegistryName = "某" + _employers[employer].RegistryName;
        }

        foreach (var employer in Take(pickEmployer, e => _employers[e].RegistryName.Contains('(') || _employers[e].RegistryName.Length >= 2))
        {
            string registered = _employers[employer].RegistryName;
            _employers[employer].RegistryName = registered[..1] + " " + registered[1..];
        }

        _random.Shuffle(contributors);
        var contributionMonths = _contributions.Where(c => c.Employer != 0 && c.Start >= 0).ToLookup(c => c.Employer, c => c.Start);
        foreach (var employer in contributors.Take(_faultsPerKind))
        {
            var months = contributionMonths[employer].Order().ToArray();
            if (months.Length == 0)
            {
                continue;
            }

            int month = months[months.Length / 2];
            _employers[employer].ClosedDate = new DateOnly(month / 12, (month % 12) + 1, 10);
        }

        var legalEntities = new StringBuilder("统一社会信用代码,单位名称,登记状态,注销日期" + LineBreak);
        foreach (var (employer, entry) in _employers.OrderBy(e => e.Key))
        {
            if (entry.InRegistry)
            {
                legalEntities.Append(ReferenceKeys.EmployerText(employer)).Append(',').Append(entry.RegistryName).Append(',')
                    .Append(entry.ClosedDate is { } closed ? "注销," + closed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "存续,").Append(LineBreak);
            }
        }

        File.WriteAllText(legalEntityPath, legalEntities.ToString(), new UTF8Encoding(false));
    }

    private static Standards.Divisions.DivisionCodeHistory StandardsDivisions => Standards.StandardsCatalog.Default.Divisions;

    private HashSet<T> Pick<T>(IEnumerable<T> candidates, int count)
    {
        var all = candidates.ToArray();
        _random.Shuffle(all);
        return [.. all.Take(count)];
    }

    private List<T> Take<T>(Queue<T> queue, Func<T, bool> suitable)
    {
        var taken = new List<T>();
        var skipped = new List<T>();
        while (taken.Count < _faultsPerKind && queue.TryDequeue(out var item))
        {
            (suitable(item) ? taken : skipped).Add(item);
        }

        foreach (var item in skipped)
        {
            queue.Enqueue(item);
        }

        return taken;
    }
}
