using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Checking;

/// <summary>Rules that compare fields of one record: sex and birth date against the identity number, age, province.</summary>
internal sealed partial class RecordChecker
{
    private void CheckCrossFields()
    {
        bool idValid = _personIdColumn >= 0 && _personId.IsValid;
        if (idValid && _sexColumn >= 0 && _sexCode != 0 && _personId.SexCode != 0 && _sexCode != _personId.SexCode)
        {
            var column = _columns[_sexColumn];
            string value = _block.Field(_record, _sexColumn).Trim().ToString();
            string parity = _personId.SexCode == 1 ? Messages.Odd : Messages.Even;
            string expected = column.CodeSet!.GetName(_personId.SexCode == 1 ? "1" : "2") ?? "";
            Emit(RuleId.PersonSexMismatch, _sexColumn, value, MessageFormat.Format(Messages.Finding_PersonSexMismatch, column.Header, value, parity, expected));
        }

        if (idValid && _personId.HasBirthDate && _birthDate is { } birth && birth != _personId.BirthDate)
        {
            var column = _columns[_birthDateColumn];
            string value = _block.Field(_record, _birthDateColumn).Trim().ToString();
            Emit(RuleId.PersonBirthDateMismatch, _birthDateColumn, value, MessageFormat.Format(Messages.Finding_PersonBirthDateMismatch, column.Header, value, _personId.BirthDate.ToString("yyyy-MM-dd")));
        }

        CheckAge(idValid);
        CheckEmployerProvince();
    }

    private void CheckAge(bool idValid)
    {
        if (!IsEnabled(RuleId.PersonAgeRange))
        {
            return;
        }

        DateOnly? birth = _birthDate ?? (idValid && _personId.HasBirthDate ? _personId.BirthDate : null);
        if (birth is not { } date)
        {
            return;
        }

        // DateOnly computes its year, month and day from a day number on every call, so the
        // check date's parts are kept as one yyyyMMdd number and the birth date's taken once.
        date.Deconstruct(out int year, out int month, out int day);
        int age = ((_todayNumber - ((year * 10000) + (month * 100) + day)) / 10000);
        if (age >= _minAge && age <= _maxAge)
        {
            return;
        }

        int column = _birthDateColumn >= 0 ? _birthDateColumn : _personIdColumn;
        var raw = _block.Field(_record, column).Trim();
        string value = column == _personIdColumn ? ValueMasking.MaskIdentity(raw) : raw.ToString();
        Emit(RuleId.PersonAgeRange, column, value, MessageFormat.Format(Messages.Finding_PersonAgeRange, _columns[column].Header, value, age, _minAge, _maxAge));
    }

    // The registration division of a credit code and the employer's division should lie in one
    // province. Codes registered with central authorities carry 1000xx and are left alone.
    private void CheckEmployerProvince()
    {
        if (_usccColumn < 0 || _divisionColumn < 0 || _uscc.Failure is not (UsccFailure.None or UsccFailure.LegacyCheckCharacter))
        {
            return;
        }

        int registration = _uscc.DivisionCode;
        if (registration / 10000 == 10 || registration / 10000 == _division / 10000)
        {
            return;
        }

        string value = _block.Field(_record, _divisionColumn).Trim().ToString();
        Emit(RuleId.EmployerDivisionMismatch, _divisionColumn, value, MessageFormat.Format(Messages.Finding_EmployerDivisionMismatch, _columns[_divisionColumn].Header, value, registration.ToString("D6")));
    }
}
