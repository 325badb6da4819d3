using Jinbao.Quality.Checking;

namespace Jinbao.Quality.Registry;

/// <summary>Parses the coded values of registry files and extracts.</summary>
internal static class RegistryValues
{
    /// <summary>The sex values accepted, for messages.</summary>
    public const string SexChoices = "1/男/男性、2/女/女性、0/未知、9/未说明";

    /// <summary>The person status values accepted, for messages.</summary>
    public const string PersonStatusChoices = "正常、死亡";

    /// <summary>The registration status values accepted, for messages.</summary>
    public const string RegistrationStatusChoices = "存续、注销、吊销";

    /// <summary>Returns the GB/T 2261.1 code of a sex value (a code or its Chinese name), or <see langword="null"/>.</summary>
    public static char? ParseSex(string? value) => value?.Trim() switch
    {
        "1" or "男" or "男性" => '1',
        "2" or "女" or "女性" => '2',
        "0" or "未知" or "未知的性别" => '0',
        "9" or "未说明" or "未说明的性别" => '9',
        _ => null,
    };

    /// <summary>Returns the Chinese name of a sex code, for messages.</summary>
    public static string SexName(char code) => code switch
    {
        '1' => "男",
        '2' => "女",
        '0' => "未知",
        _ => "未说明",
    };

    public static PersonStatus? ParsePersonStatus(string? value) => value?.Trim() switch
    {
        "正常" => PersonStatus.Normal,
        "死亡" => PersonStatus.Deceased,
        _ => null,
    };

    public static RegistrationStatus? ParseRegistrationStatus(string? value) => value?.Trim() switch
    {
        "存续" => RegistrationStatus.Active,
        "注销" => RegistrationStatus.Cancelled,
        "吊销" => RegistrationStatus.Revoked,
        _ => null,
    };

    public static string RegistrationStatusName(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Active => "存续",
        RegistrationStatus.Cancelled => "注销",
        _ => "吊销",
    };

    /// <summary>Parses a date in the forms the quality check accepts: yyyyMMdd, or yyyy-M-d with -, / or . between.</summary>
    public static bool TryParseDate(string? value, out DateOnly date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(value) && RecordChecker.TryParseDate(value.Trim(), out date);
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
