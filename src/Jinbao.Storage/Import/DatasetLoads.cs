using Jinbao.Storage.Providers;

namespace Jinbao.Storage.Import;

/// <summary>The loads of the five datasets that <c>jinbao check</c> knows.</summary>
internal static partial class DatasetLoads
{
    public static DatasetLoad? Find(string dataset) => dataset switch
    {
        "person" => Person,
        "employer" => Employer,
        "enrolment" => Enrolment,
        "contribution" => Contribution,
        "benefit-payment" => BenefitPayment,
        _ => null,
    };

    private static StageColumn Text(string name) => new(name, StageType.Text);

    private static StageColumn Date(string name) => new(name, StageType.Date);

    private static StageColumn Integer(string name) => new(name, StageType.Integer);

    private static StageColumn Fen(string name) => new(name, StageType.BigInteger);

    private static StageColumn RowNumber => new("row_no", StageType.BigInteger);

    // A person seen only in a business record still gets a master-index entry, without base
    // information, so every business row has its person.
    private static string EnsurePersons(string stage) => $"""
        INSERT INTO person (person_key, first_batch_id, last_batch_id, updated_at)
        SELECT DISTINCT person_key, @batch, @batch, @now FROM {stage} WHERE true ORDER BY person_key
        ON CONFLICT (person_key) DO NOTHING
        """;

    // A differing value of a base field becomes a conflict for review instead of replacing the
    // stored value. The same disagreement (field and incoming value) is recorded once per person,
    // so re-importing an extract does not reopen a conflict a reviewer has resolved.
    private static string PersonConflict(string field) => $"""
        INSERT INTO person_conflict (person_key, conflict_id, field, current_value, incoming_value, batch_id, source_row, detected_at, status)
        SELECT s.person_key, @batch || '.{field}', '{field}', CAST(p.{field} AS TEXT), CAST(s.{field} AS TEXT), @batch, s.row_no, @now, 'open'
        FROM stage_person s JOIN person p ON p.person_key = s.person_key
        WHERE s.{field} IS NOT NULL AND p.{field} IS NOT NULL AND s.{field} <> p.{field}
          AND NOT EXISTS (SELECT 1 FROM person_conflict c
                          WHERE c.person_key = s.person_key AND c.field = '{field}' AND c.incoming_value = CAST(s.{field} AS TEXT))
        ON CONFLICT (person_key, conflict_id) DO NOTHING
        """;

    private static DatasetLoad Person => new()
    {
        Dataset = "person",
        Stage = "stage_person",
        Columns =
        [
            Text("person_key"), Text("id_document_type"), Text("name"), Text("sex"), Date("birth_date"),
            Text("ethnicity"), Text("education"), Text("division_code"), Text("phone"), RowNumber,
        ],
        Elements = ["CitizenIdNumber", "IdDocumentType", "Name", "Sex", "BirthDate", "Ethnicity", "Education", "DivisionCode", "PhoneNumber"],
        Key = ["person_key"],
        Fill = (record, _, row) =>
        {
            row[0] = FieldValues.PersonKey(record[0]);
            for (int i = 1; i <= 8; i++)
            {
                row[i] = i == 4 ? FieldValues.Date(record[i]) : FieldValues.Text(record[i]);
            }

            row[9] = record.Row;
            return row[0] is not null;
        },
        ConflictStatements = [PersonConflict("name"), PersonConflict("sex"), PersonConflict("birth_date")],
        MergeStatements =
        [
            // Conflicting fields keep the stored value; other fields take the newer non-empty value.
            """
            INSERT INTO person (person_key, id_document_type, name, sex, birth_date, ethnicity, education, division_code, phone, first_batch_id, last_batch_id, updated_at)
            SELECT person_key, id_document_type, name, sex, birth_date, ethnicity, education, division_code, phone, @batch, @batch, @now
            FROM stage_person WHERE true {ORDER}
            ON CONFLICT (person_key) DO UPDATE SET
                name = COALESCE(person.name, excluded.name),
                sex = COALESCE(person.sex, excluded.sex),
                birth_date = COALESCE(person.birth_date, excluded.birth_date),
                id_document_type = COALESCE(excluded.id_document_type, person.id_document_type),
                ethnicity = COALESCE(excluded.ethnicity, person.ethnicity),
                education = COALESCE(excluded.education, person.education),
                division_code = COALESCE(excluded.division_code, person.division_code),
                phone = COALESCE(excluded.phone, person.phone),
                last_batch_id = excluded.last_batch_id,
                updated_at = excluded.updated_at
            """,
        ],
    };

    private static DatasetLoad Employer => new()
    {
        Dataset = "employer",
        Stage = "stage_employer",
        Columns = [Text("employer_key"), Text("name"), Text("division_code"), Date("establishment_date"), Text("legal_representative"), RowNumber],
        Elements = ["UnifiedSocialCreditCode", "EmployerName", "DivisionCode", "EstablishmentDate", "LegalRepresentative"],
        Key = ["employer_key"],
        Fill = (record, _, row) =>
        {
            row[0] = FieldValues.EmployerKey(record[0]);
            row[1] = FieldValues.Text(record[1]);
            row[2] = FieldValues.Text(record[2]);
            row[3] = FieldValues.Date(record[3]);
            row[4] = FieldValues.Text(record[4]);
            row[5] = record.Row;
            return row[0] is not null;
        },
        MergeStatements =
        [
            // NOTE: employer base information takes the newer non-empty value without a conflict
            // record, since employers are renamed and change representatives in the normal course.
            """
            INSERT INTO employer (employer_key, name, division_code, establishment_date, legal_representative, first_batch_id, last_batch_id, updated_at)
            SELECT employer_key, name, division_code, establishment_date, legal_representative, @batch, @batch, @now
            FROM stage_employer WHERE true {ORDER}
            ON CONFLICT (employer_key) DO UPDATE SET
                name = COALESCE(excluded.name, employer.name),
                division_code = COALESCE(excluded.division_code, employer.division_code),
                establishment_date = COALESCE(excluded.establishment_date, employer.establishment_date),
                legal_representative = COALESCE(excluded.legal_representative, employer.legal_representative),
                last_batch_id = excluded.last_batch_id,
                updated_at = excluded.updated_at
            """,
        ],
    };
}
