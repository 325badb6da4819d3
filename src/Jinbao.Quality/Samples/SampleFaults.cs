using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Samples;

/// <summary>The rule and the field each planted fault triggers, and the faults of each dataset.</summary>
internal static class SampleFaults
{
    public static readonly SampleFault[] Person =
        [.. Enum.GetValues<SampleFault>().Where(f => f.ToString().StartsWith("Person", StringComparison.Ordinal))];

    public static readonly SampleFault[] Employer =
        [.. Enum.GetValues<SampleFault>().Where(f => f.ToString().StartsWith("Employer", StringComparison.Ordinal))];

    // The citizen-ID faults of the business datasets: those of the person dataset that change only the
    // number or the person behind it. A duplicate has a dataset-specific key.
    private static readonly SampleFault[] CitizenId =
    [
        SampleFault.PersonIdMissing, SampleFault.PersonIdScientificNotation, SampleFault.PersonIdApostrophe,
        SampleFault.PersonIdFullWidth, SampleFault.PersonIdTrailingDecimalZero, SampleFault.PersonIdSurroundingSpaces,
        SampleFault.PersonIdLength, SampleFault.PersonIdFormat, SampleFault.PersonIdCheckCharacter,
        SampleFault.PersonIdImpossibleBirthDate, SampleFault.PersonIdFutureBirthDate, SampleFault.PersonIdAbolishedDivision,
        SampleFault.PersonIdOrderCodeZero, SampleFault.PersonIdLegacy,
    ];

    private static readonly SampleFault[] CreditCode =
        [.. Enum.GetValues<SampleFault>().Where(f => f.ToString().StartsWith("EmployerUscc", StringComparison.Ordinal) && f != SampleFault.EmployerUsccDuplicate)];

    public static readonly SampleFault[] Enrolment = [.. CitizenId, .. CreditCode, .. WithPrefix("Enrolment")];

    public static readonly SampleFault[] Contribution = [.. CitizenId, .. CreditCode, .. WithPrefix("Contribution")];

    public static readonly SampleFault[] BenefitPayment = [.. CitizenId, .. WithPrefix("Benefit")];

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

        SampleFault.EnrolmentInsuranceTypeMissing => (RuleId.Required, "InsuranceType"),
        SampleFault.EnrolmentDateMissing => (RuleId.Required, "EnrolmentDate"),
        SampleFault.EnrolmentStatusMissing => (RuleId.Required, "EnrolmentStatus"),
        SampleFault.EnrolmentInsuranceTypeInvalid => (RuleId.CodeInvalid, "InsuranceType"),
        SampleFault.EnrolmentInsuranceTypeAlias => (RuleId.CodeAlias, "InsuranceType"),
        SampleFault.EnrolmentInsuranceTypeApostrophe => (RuleId.SpreadsheetRepaired, "InsuranceType"),
        SampleFault.EnrolmentStatusInvalid => (RuleId.CodeInvalid, "EnrolmentStatus"),
        SampleFault.EnrolmentStatusAlias => (RuleId.CodeAlias, "EnrolmentStatus"),
        SampleFault.EnrolmentDateFormat => (RuleId.DateFormat, "EnrolmentDate"),
        SampleFault.EnrolmentDateFuture => (RuleId.DateFuture, "EnrolmentDate"),
        SampleFault.EnrolmentTerminationDateFormat => (RuleId.DateFormat, "TerminationDate"),
        SampleFault.EnrolmentTerminationDateFuture => (RuleId.DateFuture, "TerminationDate"),
        SampleFault.EnrolmentTerminationMissing => (RuleId.EnrolmentTerminationMissing, "EnrolmentStatus"),
        SampleFault.EnrolmentTerminationBeforeEnrolment => (RuleId.EnrolmentTerminationBeforeEnrolment, "TerminationDate"),
        SampleFault.EnrolmentDuplicate => (RuleId.KeyDuplicate, "CitizenIdNumber"),

        SampleFault.ContributionInsuranceTypeMissing => (RuleId.Required, "InsuranceType"),
        SampleFault.ContributionPeriodMissing => (RuleId.Required, "ContributionPeriod"),
        SampleFault.ContributionBaseMissing => (RuleId.Required, "ContributionBase"),
        SampleFault.ContributionEmployerAmountMissing => (RuleId.Required, "EmployerContribution"),
        SampleFault.ContributionPersonalAmountMissing => (RuleId.Required, "PersonalContribution"),
        SampleFault.ContributionInsuranceTypeInvalid => (RuleId.CodeInvalid, "InsuranceType"),
        SampleFault.ContributionInsuranceTypeAlias => (RuleId.CodeAlias, "InsuranceType"),
        SampleFault.ContributionPeriodFormat => (RuleId.PeriodFormat, "ContributionPeriod"),
        SampleFault.ContributionBaseFullWidth => (RuleId.SpreadsheetRepaired, "ContributionBase"),
        SampleFault.ContributionBaseFormat => (RuleId.MoneyFormat, "ContributionBase"),
        SampleFault.ContributionPersonalAmountFormat => (RuleId.MoneyFormat, "PersonalContribution"),
        SampleFault.ContributionPersonalAmountNegative => (RuleId.MoneyNegative, "PersonalContribution"),
        SampleFault.ContributionBaseOutOfRange => (RuleId.ContributionBaseRange, "ContributionBase"),
        SampleFault.ContributionEmployerAmountMismatch => (RuleId.ContributionAmountMismatch, "EmployerContribution"),
        SampleFault.ContributionPersonalAmountMismatch => (RuleId.ContributionAmountMismatch, "PersonalContribution"),
        SampleFault.ContributionReceivedDateFormat => (RuleId.DateFormat, "ReceivedDate"),
        SampleFault.ContributionReceivedDateFuture => (RuleId.DateFuture, "ReceivedDate"),
        SampleFault.ContributionReceivedBeforePeriod => (RuleId.PaymentDateBeforePeriod, "ReceivedDate"),
        SampleFault.ContributionDuplicate => (RuleId.KeyDuplicate, "CitizenIdNumber"),

        SampleFault.BenefitTypeMissing => (RuleId.Required, "BenefitType"),
        SampleFault.BenefitPeriodMissing => (RuleId.Required, "PaymentPeriod"),
        SampleFault.BenefitAmountMissing => (RuleId.Required, "PaymentAmount"),
        SampleFault.BenefitBankCardMissing => (RuleId.Required, "BankAccountNumber"),
        SampleFault.BenefitTypeInvalid => (RuleId.CodeInvalid, "BenefitType"),
        SampleFault.BenefitTypeAlias => (RuleId.CodeAlias, "BenefitType"),
        SampleFault.BenefitPeriodFormat => (RuleId.PeriodFormat, "PaymentPeriod"),
        SampleFault.BenefitAmountFormat => (RuleId.MoneyFormat, "PaymentAmount"),
        SampleFault.BenefitAmountNegative => (RuleId.MoneyNegative, "PaymentAmount"),
        SampleFault.BenefitBankCardFormat => (RuleId.BankCardFormat, "BankAccountNumber"),
        SampleFault.BenefitBankCardCheckDigit => (RuleId.BankCardCheckDigit, "BankAccountNumber"),
        SampleFault.BenefitBankCardApostrophe => (RuleId.SpreadsheetRepaired, "BankAccountNumber"),
        SampleFault.BenefitPaymentDateFormat => (RuleId.DateFormat, "PaymentDate"),
        SampleFault.BenefitPaymentDateFuture => (RuleId.DateFuture, "PaymentDate"),
        SampleFault.BenefitPaymentBeforePeriod => (RuleId.PaymentDateBeforePeriod, "PaymentDate"),
        SampleFault.BenefitPensionAge => (RuleId.BenefitPensionAge, "PaymentPeriod"),
        SampleFault.BenefitDuplicate => (RuleId.KeyDuplicate, "CitizenIdNumber"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "The fault plants no rule."),
    };

    private static SampleFault[] WithPrefix(string prefix) =>
        [.. Enum.GetValues<SampleFault>().Where(f => f.ToString().StartsWith(prefix, StringComparison.Ordinal))];
}
