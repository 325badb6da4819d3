namespace Jinbao.Exchange.Sharing;

/// <summary>The query that reads one dataset from the central store, and the columns of its staging table.</summary>
internal sealed record PublishSource(string Query, IReadOnlyList<string> Columns);

/// <summary>
/// The central store queries of publishing. They use only SQL that SQLite and PostgreSQL share, and select only the
/// shareable columns, so a field that is never shared is not even read.
/// </summary>
internal static class PublishSources
{
    /// <summary>The benefit type of a pension (养老金).</summary>
    private const string PensionBenefitType = "01";

    /// <summary>The benefit type of a funeral grant (丧葬补助金), paid only after the insured person's death.</summary>
    private const string FuneralGrantBenefitType = "05";

    public static PublishSource Of(string dataset) => dataset switch
    {
        "person" => new(
            $"""
            SELECT p.person_key, p.name, p.sex, p.birth_date, p.education, p.division_code,
                   CASE WHEN EXISTS (SELECT 1 FROM benefit_payment b WHERE b.person_key = p.person_key AND b.benefit_type = '{FuneralGrantBenefitType}') THEN 1 ELSE 0 END
            FROM person p
            """,
            ["id_number", "name", "sex", "birth_date", "education", "division_code", "deceased"]),
        "employer" => new(
            "SELECT employer_key, name, division_code, establishment_date, legal_representative FROM employer",
            ["credit_code", "name", "division_code", "establishment_date", "legal_representative"]),
        "enrolment" => new(
            "SELECT person_key, insurance_type, division_code, enrolment_date, employer_key, status, termination_date FROM enrolment",
            ["id_number", "insurance_type", "division_code", "enrolment_date", "employer_credit_code", "status", "termination_date"]),
        "pension" => new(
            $"SELECT person_key, MAX(period), MAX(division_code) FROM benefit_payment WHERE benefit_type = '{PensionBenefitType}' GROUP BY person_key",
            ["id_number", "last_period", "division_code"]),
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Not a shared dataset."),
    };
}
