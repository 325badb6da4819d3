namespace Jinbao.Quality.Rules;

/// <summary>The string ids of the rules, as rule files and reports spell them.</summary>
internal static class RuleIds
{
    private static readonly string[] Names =
    [
        "required",
        "max-length",
        "spreadsheet.scientific-notation",
        "spreadsheet.repaired",
        "code.invalid",
        "code.alias",
        "date.format",
        "date.future",
        "division.unknown",
        "division.abolished",
        "phone.format",
        "name.format",
        "name.middle-dot",
        "key.duplicate",
        "person-id.length",
        "person-id.format",
        "person-id.check-character",
        "person-id.birth-date",
        "person-id.division",
        "person-id.order-code",
        "person-id.document-type",
        "person-id.legacy",
        "person.sex-mismatch",
        "person.birth-date-mismatch",
        "person.age-range",
        "uscc.length",
        "uscc.character",
        "uscc.registration-authority",
        "uscc.entity-type",
        "uscc.division",
        "uscc.organization-code",
        "uscc.check-character",
        "uscc.legacy-check-character",
        "employer.division-mismatch",
        "record.field-count",
        "period.format",
        "money.format",
        "money.negative",
        "bank-card.format",
        "bank-card.check-digit",
        "enrolment.termination-before-enrolment",
        "enrolment.termination-missing",
        "contribution.base-range",
        "contribution.amount-mismatch",
        "payment-date.before-period",
        "benefit.pension-age",
        "reference.person-missing",
        "reference.employer-missing",
        "reference.enrolment-missing",
        "reference.outside-enrolment",
        "reference.not-enrolled",
    ];

    private static readonly Dictionary<string, RuleId> ByName =
        Names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => (RuleId)p.index, StringComparer.Ordinal);

    /// <summary>The number of rules of the engine.</summary>
    public static int Count => Names.Length;

    /// <summary>The first <see cref="RuleId"/> value given to a rule that a rule file adds; the values up to 255 are theirs.</summary>
    public const int FirstCustom = 128;

    /// <summary>The size of tables indexed by <see cref="RuleId"/>: the engine's rules and the added ones.</summary>
    public const int Capacity = 256;

    /// <summary>Returns the string id of a rule of the engine.</summary>
    public static string Name(RuleId id) => Names[(int)id];

    /// <summary>Returns the string id of any rule: an added rule's from its definition.</summary>
    public static string Name(RuleId id, RuleSetting? setting) => setting?.Custom?.Id ?? Names[(int)id];

    /// <summary>Finds a rule by its string id.</summary>
    public static bool TryParse(string name, out RuleId id) => ByName.TryGetValue(name, out id);
}
