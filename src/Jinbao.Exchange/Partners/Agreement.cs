using System.Text.Json.Serialization;

namespace Jinbao.Exchange.Partners;

/// <summary>The sharing condition of an agreement (共享条件).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SharingCondition>))]
public enum SharingCondition
{
    /// <summary>无条件共享: only fields of class unconditional may be agreed.</summary>
    Unconditional,

    /// <summary>有条件共享: conditional fields may be agreed as well, under the stated legal basis.</summary>
    Conditional,
}

/// <summary>The yes/no questions of the verification service (核验).</summary>
public static class VerificationQuestions
{
    /// <summary>Is this person alive and paid a pension in the latest payment run?</summary>
    public const string PensionAlive = "pension-alive";

    /// <summary>Is this person enrolled (status 参保缴费) with this employer?</summary>
    public const string EnrolledWithEmployer = "enrolled-with-employer";

    public static IReadOnlyList<string> All { get; } = [PensionAlive, EnrolledWithEmployer];
}

/// <summary>The kinds of notice a partner may send in (通报), each updating a registry extract and the sharing repository.</summary>
public static class NoticeKinds
{
    /// <summary>Death notices (死亡通报) from civil affairs: citizen ID number and date of death.</summary>
    public const string Deaths = "deaths";

    /// <summary>Employer closures (注销、吊销通报) from market regulation: credit code, registration status and date.</summary>
    public const string Closures = "closures";

    public static IReadOnlyList<string> All { get; } = [Deaths, Closures];
}

/// <summary>One dataset of an agreement: the fields granted and the mask of each (field name → mask; a field without a mask is returned as it is).</summary>
public sealed record AgreementDataset(string Dataset, IReadOnlyList<string> Fields, IReadOnlyDictionary<string, string>? Masks = null);

/// <summary>What an administrator states when creating an agreement (共享协议).</summary>
public sealed record AgreementDefinition
{
    /// <summary>The partner the agreement is with.</summary>
    public required string PartnerId { get; init; }

    /// <summary>The purpose of use (使用用途), recorded with every call.</summary>
    public required string Purpose { get; init; }

    /// <summary>The legal basis (履职依据): the law, regulation or duty that allows the partner to receive the data.</summary>
    public required string LegalBasis { get; init; }

    public SharingCondition Condition { get; init; } = SharingCondition.Conditional;

    /// <summary>The first day of validity, a calendar day in China Standard Time (UTC+8).</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>The last day of validity, inclusive, in China Standard Time (UTC+8).</summary>
    public required DateOnly ValidTo { get; init; }

    /// <summary>The keys, subjects and event pulls allowed per day in China Standard Time; a batch of 1,000 keys uses 1,000.</summary>
    public required int DailyQuota { get; init; }

    /// <summary>The datasets and fields the query and subscription services may return.</summary>
    public IReadOnlyList<AgreementDataset> Datasets { get; init; } = [];

    /// <summary>The verification questions the partner may ask (<see cref="VerificationQuestions"/>).</summary>
    public IReadOnlyList<string> Verifications { get; init; } = [];

    /// <summary>The notices the partner may send (<see cref="NoticeKinds"/>).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The HTTPS addresses subscription callbacks may go to; a subscription may name only one of these.</summary>
    public IReadOnlyList<string> CallbackUrls { get; init; } = [];
}

/// <summary>The states of an agreement.</summary>
public static class AgreementStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Expired = "expired";
}

/// <summary>An agreement as stored, with its state.</summary>
public sealed record Agreement(string Id, AgreementDefinition Definition, string Status, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt)
{
    /// <summary>China Standard Time, which has no daylight saving time; agreement days and quota days are counted in it.</summary>
    public static TimeSpan ChinaOffset { get; } = TimeSpan.FromHours(8);

    /// <summary>The calendar day in China Standard Time of an instant.</summary>
    public static DateOnly ChinaDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    /// <summary>The UTC instant at which a China Standard Time day begins.</summary>
    public static DateTimeOffset ChinaDayStart(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();

    /// <summary>Whether the agreement is active and <paramref name="instant"/> falls within its days of validity.</summary>
    public bool IsInForce(DateTimeOffset instant)
    {
        var day = ChinaDay(instant);
        return Status == AgreementStatuses.Active && day >= Definition.ValidFrom && day <= Definition.ValidTo;
    }

    /// <summary>Finds the agreed dataset, or returns null.</summary>
    public AgreementDataset? Dataset(string name) => Definition.Datasets.FirstOrDefault(d => string.Equals(d.Dataset, name, StringComparison.Ordinal));
}

/// <summary>A partner department (合作方), identified by its SM2 organisation certificate.</summary>
public sealed record Partner(string Id, string Name, string CertificateSerial, string CertificateSubject, string Status, DateTimeOffset CreatedAt);

/// <summary>The states of a partner.</summary>
public static class PartnerStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}
