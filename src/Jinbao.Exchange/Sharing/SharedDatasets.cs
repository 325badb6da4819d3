namespace Jinbao.Exchange.Sharing;

/// <summary>The sharing class of a field in the catalogue of shared information (共享类型).</summary>
public enum SharingClass
{
    /// <summary>无条件共享: any partner with an agreement may receive it.</summary>
    Unconditional,

    /// <summary>有条件共享: only under an agreement whose condition is conditional and which states a legal basis.</summary>
    Conditional,

    /// <summary>不予共享: never published to the sharing repository and never granted by an agreement.</summary>
    NotShared,
}

/// <summary>One field of a shared dataset: its name in agreements and responses, its column, its class and whether it identifies a record.</summary>
public sealed record SharedField(string Name, string? Column, SharingClass Class, bool IsKey = false);

/// <summary>One dataset that the sharing repository publishes from the central store.</summary>
public sealed record SharedDataset(string Name, string Table, string KeyKind, IReadOnlyList<SharedField> Fields)
{
    /// <summary>Finds a field by name, or returns null.</summary>
    public SharedField? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// The catalogue of the sharing repository: which datasets exist, their fields and the sharing class of each.
/// Fields of class <see cref="SharingClass.NotShared"/> have no column, so publishing cannot copy them.
/// </summary>
public static class SharedDatasets
{
    /// <summary>Key kind of datasets looked up by citizen ID number.</summary>
    public const string IdNumberKey = "id-number";

    /// <summary>Key kind of datasets looked up by unified social credit code.</summary>
    public const string CreditCodeKey = "credit-code";

    public static SharedDataset Person { get; } = new("person", "shared_person", IdNumberKey,
    [
        new("idNumber", "id_number", SharingClass.Conditional, IsKey: true),
        new("name", "name", SharingClass.Conditional),
        new("sex", "sex", SharingClass.Unconditional),
        new("birthDate", "birth_date", SharingClass.Conditional),
        new("education", "education", SharingClass.Conditional),
        new("divisionCode", "division_code", SharingClass.Unconditional),
        new("deceased", "deceased", SharingClass.Conditional),
        new("deathDate", "death_date", SharingClass.Conditional),
        new("ethnicity", null, SharingClass.NotShared),
        new("phone", null, SharingClass.NotShared),
    ]);

    public static SharedDataset Employer { get; } = new("employer", "shared_employer", CreditCodeKey,
    [
        new("creditCode", "credit_code", SharingClass.Unconditional, IsKey: true),
        new("name", "name", SharingClass.Unconditional),
        new("divisionCode", "division_code", SharingClass.Unconditional),
        new("establishmentDate", "establishment_date", SharingClass.Unconditional),
        new("legalRepresentative", "legal_representative", SharingClass.Conditional),
        new("registrationStatus", "registration_status", SharingClass.Unconditional),
        new("closureDate", "closure_date", SharingClass.Unconditional),
    ]);

    public static SharedDataset Enrolment { get; } = new("enrolment", "shared_enrolment", IdNumberKey,
    [
        new("idNumber", "id_number", SharingClass.Conditional, IsKey: true),
        new("insuranceType", "insurance_type", SharingClass.Conditional),
        new("divisionCode", "division_code", SharingClass.Conditional),
        new("enrolmentDate", "enrolment_date", SharingClass.Conditional),
        new("employerCreditCode", "employer_credit_code", SharingClass.Conditional),
        new("status", "status", SharingClass.Conditional),
        new("terminationDate", "termination_date", SharingClass.Conditional),
    ]);

    public static SharedDataset Pension { get; } = new("pension", "shared_pension", IdNumberKey,
    [
        new("idNumber", "id_number", SharingClass.Conditional, IsKey: true),
        new("lastPeriod", "last_period", SharingClass.Conditional),
        new("divisionCode", "division_code", SharingClass.Conditional),
        new("amount", null, SharingClass.NotShared),
        new("bankAccount", null, SharingClass.NotShared),
    ]);

    /// <summary>Every dataset, in publishing order.</summary>
    public static IReadOnlyList<SharedDataset> All { get; } = [Person, Employer, Enrolment, Pension];

    /// <summary>Finds a dataset by name, or returns null.</summary>
    public static SharedDataset? Find(string? name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
}
