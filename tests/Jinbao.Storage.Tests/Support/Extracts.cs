using System.Text;

namespace Jinbao.Storage.Tests.Support;

/// <summary>Writes small UTF-8 extracts with Chinese headers, as a business system exports them.</summary>
internal static class Extracts
{
    public const string PersonHeader = "公民身份号码,姓名,性别,出生日期,行政区划代码";
    public const string EmployerHeader = "统一社会信用代码,单位名称,行政区划代码,法定代表人";
    public const string EnrolmentHeader = "公民身份号码,统一社会信用代码,险种类型,参保日期,参保状态,终止日期";
    public const string PaymentHeader = "公民身份号码,待遇类型,发放期,发放金额,银行账号,发放日期";

    public static string Write(string path, string header, IEnumerable<string> rows)
    {
        File.WriteAllText(path, header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>Returns a person row that passes the check: sex and birth date agree with the ID number.</summary>
    public static string PersonRow(string division, DateOnly birth, int sequence, string name) =>
        $"{SyntheticIds.Citizen(division, birth, sequence)},{name},{SyntheticIds.SexOf(sequence)},{birth:yyyy-MM-dd},{division}";
}
