using Jinbao.Quality.Rules;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Checking;

/// <summary>
/// The column positions the business rules read (enrolment, contribution and benefit payment),
/// -1 for an element the file lacks, and those rules' parameters.
/// </summary>
internal sealed class BusinessColumns
{
    public int InsuranceType { get; private init; } = -1;
    public int EnrolmentDate { get; private init; } = -1;
    public int EnrolmentStatus { get; private init; } = -1;
    public int TerminationDate { get; private init; } = -1;
    public int ContributionBase { get; private init; } = -1;
    public int EmployerContribution { get; private init; } = -1;
    public int PersonalContribution { get; private init; } = -1;
    public int BenefitType { get; private init; } = -1;

    /// <summary>The 费款所属期 or 发放期 column.</summary>
    public int Period { get; private init; } = -1;

    /// <summary>The 到账日期 or 发放日期 column.</summary>
    public int PaymentDate { get; private init; } = -1;

    /// <summary>The columns after the person of the dataset's composite unique key; empty when the dataset has none.</summary>
    public int[] UniqueKeyParts { get; private init; } = [];

    /// <summary>The Chinese name of the termination-date element, for the message when the file has no such column.</summary>
    public string TerminationDateName { get; private init; } = "";

    public int DefaultProvince { get; private init; }
    public int ToleranceFen { get; private init; }
    public int MenPensionAge { get; private init; }
    public int WomenPensionAge { get; private init; }

    /// <summary>Finds the business columns of a file; <see langword="null"/> when the dataset has none, as for person and employer files.</summary>
    public static BusinessColumns? Bind(ColumnBinding[] columns, Dataset? dataset, RuleSet rules)
    {
        int Find(string id) => Array.FindIndex(columns, c => c.Element.Id == id);

        string[] businessElements = ["InsuranceType", "EnrolmentStatus", "ContributionPeriod", "BenefitType", "PaymentPeriod"];
        if (dataset is null || !dataset.Elements.Any(e => businessElements.Contains(e.Element.Id)))
        {
            return null;
        }

        int period = Find("ContributionPeriod");
        int paymentDate = Find("ReceivedDate");
        var uniqueKey = dataset.UniqueKey.Skip(1).Select(e => Array.FindIndex(columns, c => c.Element == e)).ToArray();
        return new BusinessColumns
        {
            InsuranceType = Find("InsuranceType"),
            EnrolmentDate = Find("EnrolmentDate"),
            EnrolmentStatus = Find("EnrolmentStatus"),
            TerminationDate = Find("TerminationDate"),
            ContributionBase = Find("ContributionBase"),
            EmployerContribution = Find("EmployerContribution"),
            PersonalContribution = Find("PersonalContribution"),
            BenefitType = Find("BenefitType"),
            Period = period >= 0 ? period : Find("PaymentPeriod"),
            PaymentDate = paymentDate >= 0 ? paymentDate : Find("PaymentDate"),
            UniqueKeyParts = uniqueKey.Contains(-1) ? [] : uniqueKey,
            TerminationDateName = dataset.Elements.FirstOrDefault(e => e.Element.Id == "TerminationDate")?.Element.Name ?? "",
            DefaultProvince = Parameter(rules, RuleId.ContributionBaseRange, RuleParameters.DefaultProvince),
            ToleranceFen = Parameter(rules, RuleId.ContributionAmountMismatch, RuleParameters.ToleranceFen),
            MenPensionAge = Parameter(rules, RuleId.BenefitPensionAge, RuleParameters.MenAge),
            WomenPensionAge = Parameter(rules, RuleId.BenefitPensionAge, RuleParameters.WomenAge),
        };
    }

    private static int Parameter(RuleSet rules, RuleId id, string name) =>
        rules.GetParameter(id, name, RuleParameters.Default(id, name));
}
