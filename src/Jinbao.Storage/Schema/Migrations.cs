namespace Jinbao.Storage.Schema;

/// <summary>
/// The schema of the central store, as numbered migrations. Every primary and unique key of a
/// table that holds persons or employers starts with the person key (<c>person_key</c>, the
/// 18-digit citizen ID number) or the employer key (<c>employer_key</c>, the unified social
/// credit code), so each table can be hash-distributed by that column with Citus unchanged.
/// <c>import_batch</c> and <c>schema_version</c> are small and become Citus reference tables.
/// A released migration is never edited: a change is a new, higher-numbered migration.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All =>
    [
        new(1, "central store: master index, business records, import batches", SqliteInitial, PostgresInitial),
        new(2, "index of open conflicts for review", [ConflictReviewIndex], [ConflictReviewIndex]),
    ];

    private const string ConflictReviewIndex =
        "CREATE INDEX ix_person_conflict_review ON person_conflict (status, detected_at)";

    // SQLite: dates are ISO 8601 text (YYYY-MM-DD), which sorts and compares as dates do; tables
    // with a text key are WITHOUT ROWID, so the key is stored once, in the primary-key B-tree.
    private static string[] SqliteInitial =>
    [
        """
        CREATE TABLE import_batch (
            batch_id TEXT NOT NULL PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            dataset TEXT NOT NULL,
            file_name TEXT NOT NULL,
            division_code TEXT,
            records INTEGER NOT NULL,
            loaded INTEGER NOT NULL,
            excluded INTEGER NOT NULL,
            conflicts INTEGER NOT NULL,
            score REAL NOT NULL,
            error_findings INTEGER NOT NULL,
            findings INTEGER NOT NULL,
            report_path TEXT,
            imported_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE person (
            person_key TEXT NOT NULL PRIMARY KEY,
            id_document_type TEXT,
            name TEXT,
            sex TEXT,
            birth_date TEXT,
            ethnicity TEXT,
            education TEXT,
            division_code TEXT,
            phone TEXT,
            first_batch_id TEXT NOT NULL,
            last_batch_id TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE person_conflict (
            person_key TEXT NOT NULL,
            conflict_id TEXT NOT NULL,
            field TEXT NOT NULL,
            current_value TEXT NOT NULL,
            incoming_value TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            source_row INTEGER NOT NULL,
            detected_at TEXT NOT NULL,
            status TEXT NOT NULL,
            resolved_value TEXT,
            resolved_by TEXT,
            resolved_at TEXT,
            PRIMARY KEY (person_key, conflict_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE employer (
            employer_key TEXT NOT NULL PRIMARY KEY,
            name TEXT,
            division_code TEXT,
            establishment_date TEXT,
            legal_representative TEXT,
            first_batch_id TEXT NOT NULL,
            last_batch_id TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE enrolment (
            person_key TEXT NOT NULL,
            insurance_type TEXT NOT NULL,
            division_code TEXT NOT NULL,
            enrolment_date TEXT NOT NULL,
            employer_key TEXT,
            status TEXT NOT NULL,
            termination_date TEXT,
            batch_id TEXT NOT NULL,
            PRIMARY KEY (person_key, insurance_type, division_code, enrolment_date)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE contribution (
            person_key TEXT NOT NULL,
            insurance_type TEXT NOT NULL,
            period INTEGER NOT NULL,
            division_code TEXT NOT NULL,
            employer_key TEXT,
            base_fen INTEGER NOT NULL,
            employer_fen INTEGER NOT NULL,
            personal_fen INTEGER NOT NULL,
            received_date TEXT,
            batch_id TEXT NOT NULL,
            PRIMARY KEY (person_key, insurance_type, period, division_code)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE benefit_payment (
            person_key TEXT NOT NULL,
            benefit_type TEXT NOT NULL,
            period INTEGER NOT NULL,
            division_code TEXT NOT NULL,
            amount_fen INTEGER NOT NULL,
            bank_account TEXT,
            payment_date TEXT,
            batch_id TEXT NOT NULL,
            PRIMARY KEY (person_key, benefit_type, period, division_code)
        ) WITHOUT ROWID
        """,
    ];

    // PostgreSQL: contributions are range-partitioned by period (YYYYMM). Only a default partition
    // is created here; an operator adds yearly partitions ahead of time (see docs/scaling.md).
    private static string[] PostgresInitial =>
    [
        """
        CREATE TABLE import_batch (
            batch_id text NOT NULL PRIMARY KEY,
            content_hash text NOT NULL UNIQUE,
            dataset text NOT NULL,
            file_name text NOT NULL,
            division_code text,
            records bigint NOT NULL,
            loaded bigint NOT NULL,
            excluded bigint NOT NULL,
            conflicts bigint NOT NULL,
            score double precision NOT NULL,
            error_findings bigint NOT NULL,
            findings bigint NOT NULL,
            report_path text,
            imported_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE person (
            person_key text NOT NULL PRIMARY KEY,
            id_document_type text,
            name text,
            sex text,
            birth_date date,
            ethnicity text,
            education text,
            division_code text,
            phone text,
            first_batch_id text NOT NULL,
            last_batch_id text NOT NULL,
            updated_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE person_conflict (
            person_key text NOT NULL,
            conflict_id text NOT NULL,
            field text NOT NULL,
            current_value text NOT NULL,
            incoming_value text NOT NULL,
            batch_id text NOT NULL,
            source_row bigint NOT NULL,
            detected_at timestamptz NOT NULL,
            status text NOT NULL,
            resolved_value text,
            resolved_by text,
            resolved_at timestamptz,
            PRIMARY KEY (person_key, conflict_id)
        )
        """,
        """
        CREATE TABLE employer (
            employer_key text NOT NULL PRIMARY KEY,
            name text,
            division_code text,
            establishment_date date,
            legal_representative text,
            first_batch_id text NOT NULL,
            last_batch_id text NOT NULL,
            updated_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE enrolment (
            person_key text NOT NULL,
            insurance_type text NOT NULL,
            division_code text NOT NULL,
            enrolment_date date NOT NULL,
            employer_key text,
            status text NOT NULL,
            termination_date date,
            batch_id text NOT NULL,
            PRIMARY KEY (person_key, insurance_type, division_code, enrolment_date)
        )
        """,
        """
        CREATE TABLE contribution (
            person_key text NOT NULL,
            insurance_type text NOT NULL,
            period integer NOT NULL,
            division_code text NOT NULL,
            employer_key text,
            base_fen bigint NOT NULL,
            employer_fen bigint NOT NULL,
            personal_fen bigint NOT NULL,
            received_date date,
            batch_id text NOT NULL,
            PRIMARY KEY (person_key, insurance_type, period, division_code)
        ) PARTITION BY RANGE (period)
        """,
        "CREATE TABLE contribution_default PARTITION OF contribution DEFAULT",
        """
        CREATE TABLE benefit_payment (
            person_key text NOT NULL,
            benefit_type text NOT NULL,
            period integer NOT NULL,
            division_code text NOT NULL,
            amount_fen bigint NOT NULL,
            bank_account text,
            payment_date date,
            batch_id text NOT NULL,
            PRIMARY KEY (person_key, benefit_type, period, division_code)
        )
        """,
    ];
}
