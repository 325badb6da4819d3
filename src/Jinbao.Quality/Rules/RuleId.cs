namespace Jinbao.Quality.Rules;

/// <summary>
/// The rules the engine implements. A rule file may enable or disable each one and set its
/// severity, dimension and parameters. Rules that a rule file adds (<see cref="CustomRule"/>) take
/// the values from <see cref="RuleIds.FirstCustom"/> up. The string form used in rule files and
/// reports is in <see cref="RuleIds"/>.
/// </summary>
internal enum RuleId : byte
{
    Required,
    MaxLength,
    SpreadsheetScientific,
    SpreadsheetRepaired,
    CodeInvalid,
    CodeAlias,
    DateFormat,
    DateFuture,
    DivisionUnknown,
    DivisionAbolished,
    PhoneFormat,
    NameFormat,
    NameMiddleDot,
    KeyDuplicate,
    PersonIdLength,
    PersonIdFormat,
    PersonIdCheckCharacter,
    PersonIdBirthDate,
    PersonIdDivision,
    PersonIdOrderCode,
    PersonIdDocumentType,
    PersonIdLegacy,
    PersonSexMismatch,
    PersonBirthDateMismatch,
    PersonAgeRange,
    UsccLength,
    UsccCharacter,
    UsccRegistrationAuthority,
    UsccEntityType,
    UsccDivision,
    UsccOrganizationCode,
    UsccCheckCharacter,
    UsccLegacyCheckCharacter,
    EmployerDivisionMismatch,
    FieldCount,
    PeriodFormat,
    MoneyFormat,
    MoneyNegative,
    BankCardFormat,
    BankCardCheckDigit,
    EnrolmentTerminationBeforeEnrolment,
    EnrolmentTerminationMissing,
    ContributionBaseRange,
    ContributionAmountMismatch,
    PaymentDateBeforePeriod,
    BenefitPensionAge,
}
