using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Samples;

/// <summary>The rule and the field each planted fault triggers, and the faults of each dataset.</summary>
internal static class SampleFaults
{
    public static readonly SampleFault[] Person =
        [.. Enum.GetValues<SampleFault>().Where(f => f.ToString().StartsWith("Person", StringComparison.Ordinal))];

    public static readonly SampleFault[] Employer =
        [.. Enum.GetValues<SampleFault>().Where(f => f.ToString().StartsWith("Employer", StringComparison.Ordinal))];

    /// <summary>Returns the rule the engine reports for the fault and the element id of the field it reports it on.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fault"/> is <see cref="SampleFault.None"/> or undefined.</exception>
    public static (RuleId Rule, string Field) Describe(SampleFault fault) => fault switch
    {
        SampleFault.PersonIdMissing => (RuleId.Required, "CitizenIdNumber"),
        SampleFault.PersonNameMissing => (RuleId.Required, "Name"),
        SampleFault.PersonSexMissing => (RuleId.Required, "Sex"),
        SampleFault.PersonBirthDateMissing => (RuleId.Required, "BirthDate"),
        SampleFault.PersonDivisionMissing => (RuleId.Required, "DivisionCode"),
        SampleFault.PersonIdScientificNotation => (RuleId.SpreadsheetScientific, "CitizenIdNumber"),
        SampleFault.PersonIdApostrophe => (RuleId.SpreadsheetRepaired, "CitizenIdNumber"),
        SampleFault.PersonIdFullWidth => (RuleId.SpreadsheetRepaired, "CitizenIdNumber"),
        SampleFault.PersonIdTrailingDecimalZero => (RuleId.SpreadsheetRepaired, "CitizenIdNumber"),
        SampleFault.PersonIdSurroundingSpaces => (RuleId.SpreadsheetRepaired, "CitizenIdNumber"),
        SampleFault.PersonDivisionApostrophe => (RuleId.SpreadsheetRepaired, "DivisionCode"),
        SampleFault.PersonIdLength => (RuleId.PersonIdLength, "CitizenIdNumber"),
        SampleFault.PersonIdFormat => (RuleId.PersonIdFormat, "CitizenIdNumber"),
        SampleFault.PersonIdCheckCharacter => (RuleId.PersonIdCheckCharacter, "CitizenIdNumber"),
        SampleFault.PersonIdImpossibleBirthDate => (RuleId.PersonIdBirthDate, "CitizenIdNumber"),
        SampleFault.PersonIdFutureBirthDate => (RuleId.PersonIdBirthDate, "CitizenIdNumber"),
        SampleFault.PersonIdAbolishedDivision => (RuleId.PersonIdDivision, "CitizenIdNumber"),
        SampleFault.PersonIdOrderCodeZero => (RuleId.PersonIdOrderCode, "CitizenIdNumber"),
        SampleFault.PersonIdLegacy => (RuleId.PersonIdLegacy, "CitizenIdNumber"),
        SampleFault.PersonSexMismatch => (RuleId.PersonSexMismatch, "Sex"),
        SampleFault.PersonBirthDateMismatch => (RuleId.PersonBirthDateMismatch, "BirthDate"),
        SampleFault.PersonAgeOutOfRange => (RuleId.PersonAgeRange, "BirthDate"),
        SampleFault.PersonSexInvalid => (RuleId.CodeInvalid, "Sex"),
        SampleFault.PersonEthnicityInvalid => (RuleId.CodeInvalid, "Ethnicity"),
        SampleFault.PersonEducationInvalid => (RuleId.CodeInvalid, "Education"),
        SampleFault.PersonSexAlias => (RuleId.CodeAlias, "Sex"),
        SampleFault.PersonEthnicityAlias => (RuleId.CodeAlias, "Ethnicity"),
        SampleFault.PersonEducationAlias => (RuleId.CodeAlias, "Education"),
        SampleFault.PersonBirthDateFormat => (RuleId.DateFormat, "BirthDate"),
        SampleFault.PersonBirthDateFuture => (RuleId.DateFuture, "BirthDate"),
        SampleFault.PersonDivisionUnknown => (RuleId.DivisionUnknown, "DivisionCode"),
        SampleFault.PersonDivisionAbolished => (RuleId.DivisionAbolished, "DivisionCode"),
        SampleFault.PersonPhoneFormat => (RuleId.PhoneFormat, "PhoneNumber"),
        SampleFault.PersonNameFormat => (RuleId.NameFormat, "Name"),
        SampleFault.PersonNameMiddleDot => (RuleId.NameMiddleDot, "Name"),
        SampleFault.PersonNameTooLong => (RuleId.MaxLength, "Name"),
        SampleFault.PersonIdDuplicate => (RuleId.KeyDuplicate, "CitizenIdNumber"),

        SampleFault.EmployerUsccMissing => (RuleId.Required, "UnifiedSocialCreditCode"),
        SampleFault.EmployerNameMissing => (RuleId.Required, "EmployerName"),
        SampleFault.EmployerDivisionMissing => (RuleId.Required, "DivisionCode"),
        SampleFault.EmployerLegalRepresentativeMissing => (RuleId.Required, "LegalRepresentative"),
        SampleFault.EmployerUsccScientificNotation => (RuleId.SpreadsheetScientific, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccApostrophe => (RuleId.SpreadsheetRepaired, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccFullWidth => (RuleId.SpreadsheetRepaired, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccSurroundingSpaces => (RuleId.SpreadsheetRepaired, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccLength => (RuleId.UsccLength, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccCharacter => (RuleId.UsccCharacter, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccRegistrationAuthority => (RuleId.UsccRegistrationAuthority, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccEntityType => (RuleId.UsccEntityType, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccDivision => (RuleId.UsccDivision, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccOrganizationCode => (RuleId.UsccOrganizationCode, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccCheckCharacter => (RuleId.UsccCheckCharacter, "UnifiedSocialCreditCode"),
        SampleFault.EmployerUsccLegacyCheckCharacter => (RuleId.UsccLegacyCheckCharacter, "UnifiedSocialCreditCode"),
        SampleFault.EmployerEstablishmentDateFormat => (RuleId.DateFormat, "EstablishmentDate"),
        SampleFault.EmployerEstablishmentDateFuture => (RuleId.DateFuture, "EstablishmentDate"),
        SampleFault.EmployerDivisionUnknown => (RuleId.DivisionUnknown, "DivisionCode"),
        SampleFault.EmployerDivisionAbolished => (RuleId.DivisionAbolished, "DivisionCode"),
        SampleFault.EmployerDivisionMismatch => (RuleId.EmployerDivisionMismatch, "DivisionCode"),
        SampleFault.EmployerLegalRepresentativeFormat => (RuleId.NameFormat, "LegalRepresentative"),
        SampleFault.EmployerLegalRepresentativeMiddleDot => (RuleId.NameMiddleDot, "LegalRepresentative"),
        SampleFault.EmployerLegalRepresentativeTooLong => (RuleId.MaxLength, "LegalRepresentative"),
        SampleFault.EmployerNameTooLong => (RuleId.MaxLength, "EmployerName"),
        SampleFault.EmployerUsccDuplicate => (RuleId.KeyDuplicate, "UnifiedSocialCreditCode"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "The fault plants no rule."),
    };
}
