namespace Jinbao.Storage.Import;

/// <summary>The business datasets: enrolments, contributions and benefit payments.</summary>
internal static partial class DatasetLoads
{
    // The region of a business row is the batch's declared region, else the division of the
    // employer's registration authority in its credit code.
    private static string? RegionOf(string? batchDivision, string? employerKey) =>
        batchDivision ?? FieldValues.DivisionOfEmployer(employerKey);

    private static DatasetLoad Enrolment => new()
    {
        Dataset = "enrolment",
        Stage = "stage_enrolment",
        Columns =
        [
            Text("person_key"), Text("insurance_type"), Text("division_code"), Date("enrolment_date"),
            Text("employer_key"), Text("status"), Date("termination_date"), RowNumber,
        ],
        Elements = ["CitizenIdNumber", "InsuranceType", "EnrolmentDate", "UnifiedSocialCreditCode", "EnrolmentStatus", "TerminationDate"],
        Key = ["person_key", "insurance_type", "division_code", "enrolment_date"],
        Fill = (record, division, row) =>
        {
            string? employer = FieldValues.EmployerKey(record[3]);
            row[0] = FieldValues.PersonKey(record[0]);
            row[1] = FieldValues.Text(record[1]);
            row[2] = RegionOf(division, employer);
            row[3] = FieldValues.Date(record[2]);
            row[4] = employer;
            row[5] = FieldValues.Text(record[4]);
            row[6] = FieldValues.Date(record[5]);
            row[7] = record.Row;
            return row[0] is not null && row[1] is not null && row[2] is not null && row[3] is not null && row[5] is not null;
        },
        MergeStatements =
        [
            EnsurePersons("stage_enrolment"),
            """
            INSERT INTO enrolment (person_key, insurance_type, division_code, enrolment_date, employer_key, status, termination_date, batch_id)
            SELECT person_key, insurance_type, division_code, enrolment_date, employer_key, status, termination_date, @batch
            FROM stage_enrolment WHERE true {ORDER}
            ON CONFLICT (person_key, insurance_type, division_code, enrolment_date) DO UPDATE SET
                employer_key = excluded.employer_key,
                status = excluded.status,
                termination_date = excluded.termination_date,
                batch_id = excluded.batch_id
            """,
        ],
    };

    private static DatasetLoad Contribution => new()
    {
        Dataset = "contribution",
        Stage = "stage_contribution",
        Columns =
        [
            Text("person_key"), Text("insurance_type"), Integer("period"), Text("division_code"), Text("employer_key"),
            Fen("base_fen"), Fen("employer_fen"), Fen("personal_fen"), Date("received_date"), RowNumber,
        ],
        Elements = ["CitizenIdNumber", "InsuranceType", "ContributionPeriod", "UnifiedSocialCreditCode", "ContributionBase", "EmployerContribution", "PersonalContribution", "ReceivedDate"],
        Key = ["person_key", "insurance_type", "period", "division_code"],
        Fill = (record, division, row) =>
        {
            string? employer = FieldValues.EmployerKey(record[3]);
            row[0] = FieldValues.PersonKey(record[0]);
            row[1] = FieldValues.Text(record[1]);
            row[2] = FieldValues.Period(record[2]);
            row[3] = RegionOf(division, employer);
            row[4] = employer;
            row[5] = FieldValues.Fen(record[4]);
            row[6] = FieldValues.Fen(record[5]);
            row[7] = FieldValues.Fen(record[6]);
            row[8] = FieldValues.Date(record[7]);
            row[9] = record.Row;
            return row[0] is not null && row[1] is not null && row[2] is not null && row[3] is not null
                && row[5] is not null && row[6] is not null && row[7] is not null;
        },
        MergeStatements =
        [
            EnsurePersons("stage_contribution"),
            """
            INSERT INTO contribution (person_key, insurance_type, period, division_code, employer_key, base_fen, employer_fen, personal_fen, received_date, batch_id)
            SELECT person_key, insurance_type, period, division_code, employer_key, base_fen, employer_fen, personal_fen, received_date, @batch
            FROM stage_contribution WHERE true {ORDER}
            ON CONFLICT (person_key, insurance_type, period, division_code) DO UPDATE SET
                employer_key = excluded.employer_key,
                base_fen = excluded.base_fen,
                employer_fen = excluded.employer_fen,
                personal_fen = excluded.personal_fen,
                received_date = excluded.received_date,
                batch_id = excluded.batch_id
            """,
        ],
    };

    private static DatasetLoad BenefitPayment => new()
    {
        Dataset = "benefit-payment",
        Stage = "stage_benefit_payment",
        Columns =
        [
            Text("person_key"), Text("benefit_type"), Integer("period"), Text("division_code"),
            Fen("amount_fen"), Text("bank_account"), Date("payment_date"), RowNumber,
        ],
        Elements = ["CitizenIdNumber", "BenefitType", "PaymentPeriod", "PaymentAmount", "BankAccountNumber", "PaymentDate"],
        Key = ["person_key", "benefit_type", "period", "division_code"],
        RequiresBatchDivision = true,
        Fill = (record, division, row) =>
        {
            row[0] = FieldValues.PersonKey(record[0]);
            row[1] = FieldValues.Text(record[1]);
            row[2] = FieldValues.Period(record[2]);
            row[3] = division;
            row[4] = FieldValues.Fen(record[3]);
            row[5] = FieldValues.Text(record[4]);
            row[6] = FieldValues.Date(record[5]);
            row[7] = record.Row;
            return row[0] is not null && row[1] is not null && row[2] is not null && row[3] is not null && row[4] is not null;
        },
        MergeStatements =
        [
            EnsurePersons("stage_benefit_payment"),
            """
            INSERT INTO benefit_payment (person_key, benefit_type, period, division_code, amount_fen, bank_account, payment_date, batch_id)
            SELECT person_key, benefit_type, period, division_code, amount_fen, bank_account, payment_date, @batch
            FROM stage_benefit_payment WHERE true {ORDER}
            ON CONFLICT (person_key, benefit_type, period, division_code) DO UPDATE SET
                amount_fen = excluded.amount_fen,
                bank_account = excluded.bank_account,
                payment_date = excluded.payment_date,
                batch_id = excluded.batch_id
            """,
        ],
    };
}
