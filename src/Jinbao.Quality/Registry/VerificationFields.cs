namespace Jinbao.Quality.Registry;

/// <summary>A field that verification compares: the data element's id and its standard Chinese name.</summary>
internal sealed record VerificationField(string Id, string Name);

/// <summary>The fields verification compares, with the data element ids of the standards catalogue.</summary>
internal static class VerificationFields
{
    public static readonly VerificationField CitizenIdNumber = new("CitizenIdNumber", "公民身份号码");
    public static readonly VerificationField Name = new("Name", "姓名");
    public static readonly VerificationField Sex = new("Sex", "性别");
    public static readonly VerificationField BirthDate = new("BirthDate", "出生日期");
    public static readonly VerificationField CreditCode = new("UnifiedSocialCreditCode", "统一社会信用代码");
    public static readonly VerificationField EmployerName = new("EmployerName", "单位名称");
    public static readonly VerificationField PaymentPeriod = new("PaymentPeriod", "发放期");
    public static readonly VerificationField PaymentAmount = new("PaymentAmount", "发放金额");
    public static readonly VerificationField ContributionPeriod = new("ContributionPeriod", "费款所属期");
}
