using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;
using Xunit.Abstractions;

namespace Jinbao.Standards.Tests.Identifiers;

/// <summary>
/// Compares the validators with python-stdnum's <c>stdnum.cn.ric</c> and <c>stdnum.cn.uscc</c> on
/// 20,100 synthetic values. Every disagreement must fall into one of the documented classes below, and
/// the named test beside each class asserts the product's verdict on one such value.
/// </summary>
/// <remarks>
/// What stdnum 1.18 checks, read from its source: ric checks the length, 17 digits, the MOD 11-2 check
/// character, a real birth date and that the first six digits are on its division list. That list is a
/// fixed set of county-level codes, among them abolished ones and the 市辖区 codes ending in 01. It has
/// no province- or prefecture-level codes and no codes created after it was compiled. ric does not
/// compare the birth date with today, accepts order code 000 and does not support residence permits or
/// foreign permanent-resident ID cards. Both modules remove surrounding whitespace first. uscc also removes
/// spaces and hyphens inside the value and upper-cases it. Then it checks only the length, digits in
/// positions 1–8, the alphabet in positions 9–18 and the MOD 31 check character.
/// </remarks>
public sealed class StdnumOracleTests(ITestOutputHelper output)
{
    private const string Agree = "agree";

    // LegacyCitizenIdNumberTests.Check_ValidNumber_IsValid
    private const string StdnumHasNoLegacyForm = "stdnum has no 15-digit first-generation form";

    // CitizenIdNumberTests.Check_NonDigitInBody_IsFormat, leading-space case
    private const string StdnumTrimsWhitespace = "stdnum removes surrounding whitespace, which the product leaves to SpreadsheetValue.Repair";

    // CitizenIdNumberTests.Check_DateAfterToday_IsFutureBirthDate
    private const string StdnumAcceptsFutureBirthDate = "stdnum accepts a birth date after today";

    // CitizenIdNumberTests.Check_OrderCodeZero_IsOrderCode
    private const string StdnumAcceptsOrderCodeZero = "stdnum accepts order code 000";

    // ResidencePermitNumberTests.Check_EachPrefix_IsValid, ForeignPermanentResidentIdNumberTests.Check_2023Form_IsValid
    private const string StdnumHasNoPermitOrForeignId = "stdnum does not support residence permits or foreign permanent-resident ID cards";

    // CitizenIdNumberTests.Check_ValidNumber_IsValid, rows 110110, 110118 and 130100
    private const string DivisionMissingFromStdnumList = "division code in the product's history but not on stdnum's list";

    // CitizenIdNumberTests.Check_AbolishedBeforeBirth_IsDivision
    private const string DivisionOutOfUseBeforeBirth = "division code on stdnum's list, out of use before the birth year";

    // stdnum's fixed list holds some county-level codes that the Ministry of Civil Affairs' yearly
    // lists 1981–2024 do not, so stdnum accepts numbers the product rejects as Division.
    private const string DivisionMissingFromProductHistory = "division code on stdnum's list but missing from the product's history";

    // UnifiedSocialCreditCodeTests.Check_CharacterOutsideAlphabet_IsCharacter, lower-case row
    private const string StdnumUpperCases = "stdnum upper-cases letters before checking";

    // UnifiedSocialCreditCodeTests.Check_ValidCode_IsValid, rows A1, N2 and Y1
    private const string StdnumRequiresDigitsInFirst8 = "stdnum requires digits in positions 1-8, so rejects authorities A, N and Y";

    // UnifiedSocialCreditCodeTests: the codes of Check_UnassignedAuthority_IsRegistrationAuthority,
    // Check_TypeNotOfAuthority_IsEntityType, Check_UnknownDivision_IsDivision and
    // Check_OnlyOrganizationCheckWrong_IsOrganizationCode all have a correct final check character.
    private const string StdnumSkipsPrefix = "stdnum does not check ";

    private static readonly string[] RequiredPersonIdClasses =
    [
        StdnumAcceptsFutureBirthDate, StdnumAcceptsOrderCodeZero, StdnumHasNoPermitOrForeignId,
        DivisionMissingFromStdnumList, DivisionOutOfUseBeforeBirth, StdnumHasNoLegacyForm,
    ];

    private static readonly string[] RequiredCreditCodeClasses =
    [
        StdnumUpperCases, StdnumRequiresDigitsInFirst8,
        StdnumSkipsPrefix + UsccFailure.RegistrationAuthority, StdnumSkipsPrefix + UsccFailure.EntityType,
        StdnumSkipsPrefix + UsccFailure.Division, StdnumSkipsPrefix + UsccFailure.OrganizationCode,
    ];

    [Fact]
    public async Task PersonIdNumber_MatchesStdnumRic()
    {
        var (values, _) = OracleSamples.Generate(TestDivisions.History);

        var (version, verdicts) = await StdnumOracle.RunAsync("ric", values);

        var classes = new Dictionary<string, int>();
        var unexplained = new List<string>();
        for (int i = 0; i < values.Count; i++)
        {
            var product = PersonIdNumber.Check(values[i], null, TestDivisions.History, SyntheticIds.Today);
            string? name = ClassifyPersonId(values[i], product, verdicts[i]);
            Count(classes, unexplained, name, $"{values[i]}: product {product.Failure} ({product.DocumentType}), stdnum {verdicts[i].Result} (place {(verdicts[i].PlaceKnown ? "known" : "unknown")})");
        }

        Report(version, values.Count, classes);
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} disagreements with stdnum {version} fit no documented class:\n{string.Join('\n', unexplained.Take(20))}");
        Assert.All(RequiredPersonIdClasses, name => Assert.True(classes.ContainsKey(name), $"The sample has no value of the class '{name}'."));
    }

    [Fact]
    public async Task UnifiedSocialCreditCode_MatchesStdnumUscc()
    {
        var (_, values) = OracleSamples.Generate(TestDivisions.History);

        var (version, verdicts) = await StdnumOracle.RunAsync("uscc", values);

        var classes = new Dictionary<string, int>();
        var unexplained = new List<string>();
        for (int i = 0; i < values.Count; i++)
        {
            var product = UnifiedSocialCreditCode.Check(values[i], TestDivisions.History);
            string? name = ClassifyCreditCode(values[i], product, verdicts[i].Result);
            Count(classes, unexplained, name, $"{values[i]}: product {product.Failure}, stdnum {verdicts[i].Result}");
        }

        Report(version, values.Count, classes);
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} disagreements with stdnum {version} fit no documented class:\n{string.Join('\n', unexplained.Take(20))}");
        Assert.All(RequiredCreditCodeClasses, name => Assert.True(classes.ContainsKey(name), $"The sample has no value of the class '{name}'."));
    }

    /// <summary>Returns the class of a product/stdnum verdict pair, or <see langword="null"/> when no documented class explains it.</summary>
    private static string? ClassifyPersonId(string value, PersonIdCheck product, StdnumOracle.Verdict stdnum)
    {
        if (value.Length != 18)
        {
            if (stdnum.Result != "InvalidLength")
            {
                return null;
            }

            return product.IsValid ? StdnumHasNoLegacyForm : Agree;
        }

        switch (product.Failure)
        {
            case PersonIdFailure.Format when stdnum.Result == "InvalidLength":
                return value.Trim().Length != value.Length ? StdnumTrimsWhitespace : null;
            case PersonIdFailure.Format:
                return stdnum.Result == "InvalidFormat" ? Agree : null;
            case PersonIdFailure.CheckCharacter:
                return stdnum.Result == "InvalidChecksum" ? Agree : null;
            case PersonIdFailure.BirthDate:
                return stdnum.Result == "InvalidComponent" ? Agree : null;
            case PersonIdFailure.None or PersonIdFailure.FutureBirthDate or PersonIdFailure.Division or PersonIdFailure.OrderCode:
                // stdnum checks nothing after the birth date but its division list.
                if (stdnum.Result != (stdnum.PlaceKnown ? "valid" : "InvalidComponent"))
                {
                    return null;
                }

                return (product.Failure, stdnum.PlaceKnown) switch
                {
                    (PersonIdFailure.None, true) => Agree,
                    (PersonIdFailure.None, false) when product.DocumentType != IdDocumentType.CitizenId => StdnumHasNoPermitOrForeignId,
                    (PersonIdFailure.None, false) => DivisionMissingFromStdnumList,
                    (PersonIdFailure.FutureBirthDate, true) => StdnumAcceptsFutureBirthDate,
                    (PersonIdFailure.OrderCode, true) => StdnumAcceptsOrderCodeZero,
                    (PersonIdFailure.Division, true) when TestDivisions.History.IsKnown(product.DivisionCode) => DivisionOutOfUseBeforeBirth,
                    (PersonIdFailure.Division, true) => DivisionMissingFromProductHistory,
                    _ => Agree,
                };
            default:
                return null;
        }
    }

    /// <summary>Returns the class of a product/stdnum verdict pair, or <see langword="null"/> when no documented class explains it.</summary>
    private static string? ClassifyCreditCode(string value, UsccCheck product, string stdnum)
    {
        bool letterInFirst8 = value.Length == 18 && value.AsSpan(0, 8).ContainsAnyExceptInRange('0', '9');
        bool checkCharacterFits = product.ExpectedCheckCharacter != '\0' && value[^1] == product.ExpectedCheckCharacter;
        switch (product.Failure)
        {
            case UsccFailure.Length:
                return stdnum == "InvalidLength" ? Agree : null;
            case UsccFailure.Character:
                if (stdnum == "InvalidFormat")
                {
                    return Agree;
                }

                bool upperCaseIsClean = value.Any(char.IsAsciiLetterLower)
                    && UnifiedSocialCreditCode.Check(value.ToUpperInvariant(), TestDivisions.History).Failure != UsccFailure.Character;
                return upperCaseIsClean && stdnum is "valid" or "InvalidChecksum" ? StdnumUpperCases : null;
            case UsccFailure.None:
                if (stdnum == "valid")
                {
                    return Agree;
                }

                return letterInFirst8 && stdnum == "InvalidFormat" ? StdnumRequiresDigitsInFirst8 : null;
            case UsccFailure.RegistrationAuthority or UsccFailure.EntityType or UsccFailure.Division or UsccFailure.OrganizationCode:
                if (letterInFirst8)
                {
                    return stdnum == "InvalidFormat" ? Agree : null;
                }

                if (checkCharacterFits)
                {
                    return stdnum == "valid" ? StdnumSkipsPrefix + product.Failure : null;
                }

                return stdnum == "InvalidChecksum" ? Agree : null;
            case UsccFailure.CheckCharacter or UsccFailure.LegacyCheckCharacter:
                if (letterInFirst8)
                {
                    return stdnum == "InvalidFormat" ? Agree : null;
                }

                return stdnum == "InvalidChecksum" ? Agree : null;
            default:
                return null;
        }
    }

    private static void Count(Dictionary<string, int> classes, List<string> unexplained, string? name, string description)
    {
        if (name is null)
        {
            unexplained.Add(description);
            return;
        }

        classes[name] = classes.GetValueOrDefault(name) + 1;
    }

    private void Report(string version, int total, Dictionary<string, int> classes)
    {
        output.WriteLine($"python-stdnum {version}, {total} values");
        foreach (var (name, count) in classes.OrderByDescending(pair => pair.Value))
        {
            output.WriteLine($"{count,6}  {name}");
        }
    }
}
