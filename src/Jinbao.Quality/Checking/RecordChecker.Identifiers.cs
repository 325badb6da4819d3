using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Checking;

/// <summary>Checks of identity numbers and credit codes, and of the spreadsheet damage they suffer most.</summary>
internal sealed partial class RecordChecker
{
    /// <summary>
    /// Undoes recoverable spreadsheet damage, reporting it as a warning; reports scientific
    /// notation, which cannot be undone, as an error.
    /// </summary>
    /// <returns><see langword="false"/> when the value cannot be checked further.</returns>
    private bool TryRepair(int c, ColumnBinding column, ReadOnlySpan<char> raw, bool isIdentity, out ReadOnlySpan<char> value, bool decimalZeroIsDamage = true)
    {
        if (raw.Length > _scratch.Length)
        {
            value = raw.Trim();
            return true;
        }

        var damage = SpreadsheetValue.Repair(raw, _scratch, out int written);
        if (!decimalZeroIsDamage)
        {
            // An amount such as 5000.0 is written that way on purpose; dropping ".0" keeps its value.
            damage &= ~SpreadsheetDamage.TrailingDecimalZero;
        }

        if (damage == SpreadsheetDamage.None)
        {
            value = written == raw.Length ? raw : _scratch.AsSpan(0, written);
            return true;
        }

        // Show masks identity and mobile numbers wherever they stand, also behind an apostrophe.
        string shown = Show(raw.Trim());
        if ((damage & SpreadsheetDamage.ScientificNotation) != 0)
        {
            Emit(RuleId.SpreadsheetScientific, c, shown, MessageFormat.Format(Messages.Finding_SpreadsheetScientific, column.Header, shown));
            value = default;
            return false;
        }

        value = _scratch.AsSpan(0, written);
        if (IsEnabled(RuleId.SpreadsheetRepaired))
        {
            string repaired = isIdentity ? ValueMasking.MaskIdentity(value) : Show(value);
            Emit(RuleId.SpreadsheetRepaired, c, shown, MessageFormat.Format(Messages.Finding_SpreadsheetRepaired, column.Header, shown, DescribeDamage(damage), repaired));
        }

        return true;
    }

    private void CheckPersonId(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        if (!TryRepair(c, column, raw, isIdentity: true, out var value))
        {
            return;
        }

        var declared = DeclaredDocumentType();
        var check = PersonIdNumber.Check(value, declared, _standards.Divisions, _today);
        _personId = check;
        _personIdColumn = c;
        if (check.IsValid)
        {
            if (check.DocumentType == IdDocumentType.LegacyCitizenId && IsEnabled(RuleId.PersonIdLegacy))
            {
                string upgraded = ValueMasking.MaskIdentity(PersonIdNumber.UpgradeLegacy(value));
                string shownLegacy = ValueMasking.MaskIdentity(value);
                Emit(RuleId.PersonIdLegacy, c, shownLegacy, MessageFormat.Format(Messages.Finding_PersonIdLegacy, column.Header, shownLegacy, upgraded));
            }

            _block.Keys[_record] = RecordKey.FromPersonId(value, check.DocumentType);
            _block.PersonKeys[_record] = (ulong)_block.Keys[_record];
            return;
        }

        string shown = ValueMasking.MaskIdentity(value);
        switch (check.Failure)
        {
            case PersonIdFailure.Length:
                Emit(RuleId.PersonIdLength, c, shown, MessageFormat.Format(Messages.Finding_PersonIdLength, column.Header, shown, value.Length));
                break;
            case PersonIdFailure.Format:
                int bad = FirstNonDigit(value);
                Emit(RuleId.PersonIdFormat, c, shown, MessageFormat.Format(Messages.Finding_PersonIdFormat, column.Header, shown, bad + 1, Visible(value[bad]), CodePoint(value[bad])));
                break;
            case PersonIdFailure.CheckCharacter when value.Length == 18 && value.EndsWith("000"):
                // Spreadsheets keep 15 significant digits and fill the rest with zeros.
                Emit(RuleId.SpreadsheetScientific, c, shown, MessageFormat.Format(Messages.Finding_SpreadsheetTruncated, column.Header, shown));
                break;
            case PersonIdFailure.CheckCharacter:
                Emit(RuleId.PersonIdCheckCharacter, c, shown, MessageFormat.Format(Messages.Finding_PersonIdCheckCharacter, column.Header, shown, check.ExpectedCheckCharacter));
                break;
            case PersonIdFailure.BirthDate:
                Emit(RuleId.PersonIdBirthDate, c, shown, MessageFormat.Format(Messages.Finding_PersonIdBirthDate, column.Header, shown, BirthDigits(value).ToString()));
                break;
            case PersonIdFailure.FutureBirthDate:
                Emit(RuleId.PersonIdBirthDate, c, shown, MessageFormat.Format(Messages.Finding_PersonIdFutureBirthDate, column.Header, shown, check.BirthDate.ToString("yyyy-MM-dd")));
                break;
            case PersonIdFailure.Division:
                Emit(RuleId.PersonIdDivision, c, shown, MessageFormat.Format(Messages.Finding_PersonIdDivision, column.Header, shown, value[..6].ToString(), check.BirthDate.Year));
                break;
            case PersonIdFailure.OrderCode:
                Emit(RuleId.PersonIdOrderCode, c, shown, MessageFormat.Format(Messages.Finding_PersonIdOrderCode, column.Header, shown));
                break;
            case PersonIdFailure.DocumentTypeMismatch:
                var detected = PersonIdNumber.Check(value, null, _standards.Divisions, _today).DocumentType;
                Emit(RuleId.PersonIdDocumentType, c, shown, MessageFormat.Format(Messages.Finding_PersonIdDocumentType, column.Header, shown, DocumentTypeName(detected), DocumentTypeName(declared!.Value)));
                break;
        }
    }

    private void CheckUscc(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        if (!TryRepair(c, column, raw, isIdentity: false, out var value))
        {
            return;
        }

        var check = UnifiedSocialCreditCode.Check(value, _standards.Divisions);
        _uscc = check;
        _usccColumn = c;
        if (check.Failure != UsccFailure.None)
        {
            EmitUsccFailure(c, column, value, check);
        }

        if (check.Failure is UsccFailure.None or UsccFailure.LegacyCheckCharacter)
        {
            var key = RecordKey.FromUscc(value);
            _block.CreditCodeKeys[_record] = key;

            // The credit code identifies the record only where no person is named (the employer
            // dataset). Elsewhere the person's key, alone or composed with others, is the record's.
            if (_usccIsKey)
            {
                _block.Keys[_record] = key;
            }
        }
    }

    // The value is shown (masked) only here, because nearly every credit code is valid.
    private void EmitUsccFailure(int c, ColumnBinding column, ReadOnlySpan<char> value, UsccCheck check)
    {
        string shown = Show(value);
        switch (check.Failure)
        {
            case UsccFailure.Length:
                Emit(RuleId.UsccLength, c, shown, MessageFormat.Format(Messages.Finding_UsccLength, column.Header, shown, value.Length));
                break;
            case UsccFailure.Character:
                int invalid = FirstInvalidUsccCharacter(value);
                Emit(RuleId.UsccCharacter, c, shown, MessageFormat.Format(Messages.Finding_UsccCharacter, column.Header, shown, Visible(value[invalid]), invalid + 1, CodePoint(value[invalid])));
                break;
            case UsccFailure.RegistrationAuthority:
                Emit(RuleId.UsccRegistrationAuthority, c, shown, MessageFormat.Format(Messages.Finding_UsccRegistrationAuthority, column.Header, shown, value[0]));
                break;
            case UsccFailure.EntityType:
                Emit(RuleId.UsccEntityType, c, shown, MessageFormat.Format(Messages.Finding_UsccEntityType, column.Header, shown, value[1], value[0]));
                break;
            case UsccFailure.Division:
                Emit(RuleId.UsccDivision, c, shown, MessageFormat.Format(Messages.Finding_UsccDivision, column.Header, shown, value[2..8].ToString()));
                break;
            case UsccFailure.OrganizationCode:
                Emit(RuleId.UsccOrganizationCode, c, shown, MessageFormat.Format(Messages.Finding_UsccOrganizationCode, column.Header, shown, value[8..17].ToString(), OrganizationCode.ComputeCheckCharacter(value[8..16])));
                break;
            case UsccFailure.CheckCharacter:
                Emit(RuleId.UsccCheckCharacter, c, shown, MessageFormat.Format(Messages.Finding_UsccCheckCharacter, column.Header, shown, check.ExpectedCheckCharacter));
                break;
            case UsccFailure.LegacyCheckCharacter:
                Emit(RuleId.UsccLegacyCheckCharacter, c, shown, MessageFormat.Format(Messages.Finding_UsccLegacyCheckCharacter, column.Header, shown, check.ExpectedCheckCharacter));
                break;
        }
    }

    private IdDocumentType? DeclaredDocumentType()
    {
        if (_documentTypeColumn < 0)
        {
            return null;
        }

        var raw = _block.Field(_record, _documentTypeColumn).Trim();
        var set = _columns[_documentTypeColumn].CodeSet!;
        string? code = set.Contains(raw) ? raw.ToString() : set.ResolveAlias(raw);
        return code is { Length: 2 } && code[0] == '0' && code[1] is >= '1' and <= '4' ? (IdDocumentType)(code[1] - '0') : null;
    }

    private string DocumentTypeName(IdDocumentType type) =>
        _standards.CodeSets.Get("IdDocumentType").GetName($"0{(int)type}") ?? type.ToString();

    private static ReadOnlySpan<char> BirthDigits(ReadOnlySpan<char> value) =>
        value.Length == 18 ? value[6..14] : value.Length == 15 && char.IsAsciiDigit(value[0]) ? value[6..12] : value;

    private static int FirstInvalidUsccCharacter(ReadOnlySpan<char> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            if (!char.IsAsciiDigit(ch) && (!char.IsAsciiLetterUpper(ch) || ch is 'I' or 'O' or 'Z' or 'S' or 'V'))
            {
                return i;
            }
        }

        return 0;
    }

    // The first character that is not a digit, where the check character X is allowed last.
    private static int FirstNonDigit(ReadOnlySpan<char> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]) && !(i == value.Length - 1 && value[i] is 'X' or 'x'))
            {
                return i;
            }
        }

        return 0;
    }

    private static string DescribeDamage(SpreadsheetDamage damage)
    {
        var parts = new List<string>(4);
        if ((damage & SpreadsheetDamage.SurroundingWhitespace) != 0)
        {
            parts.Add(Messages.Damage_SurroundingWhitespace);
        }

        if ((damage & SpreadsheetDamage.LeadingApostrophe) != 0)
        {
            parts.Add(Messages.Damage_LeadingApostrophe);
        }

        if ((damage & SpreadsheetDamage.FullWidthCharacters) != 0)
        {
            parts.Add(Messages.Damage_FullWidthCharacters);
        }

        if ((damage & SpreadsheetDamage.TrailingDecimalZero) != 0)
        {
            parts.Add(Messages.Damage_TrailingDecimalZero);
        }

        return string.Join(Messages.ListSeparator, parts);
    }
}
