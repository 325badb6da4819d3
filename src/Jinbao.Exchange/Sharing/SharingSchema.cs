namespace Jinbao.Exchange.Sharing;

/// <summary>The tables of the sharing repository. Only fields that may be shared have a column.</summary>
internal static class SharingSchema
{
    public const string Statements = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS shared_person (
            id_number TEXT NOT NULL PRIMARY KEY,
            name TEXT,
            sex TEXT,
            birth_date TEXT,
            education TEXT,
            division_code TEXT,
            deceased INTEGER NOT NULL DEFAULT 0,
            published_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS shared_employer (
            credit_code TEXT NOT NULL PRIMARY KEY,
            name TEXT,
            division_code TEXT,
            establishment_date TEXT,
            legal_representative TEXT,
            published_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS shared_enrolment (
            id_number TEXT NOT NULL,
            insurance_type TEXT NOT NULL,
            division_code TEXT NOT NULL,
            enrolment_date TEXT NOT NULL,
            employer_credit_code TEXT,
            status TEXT NOT NULL,
            termination_date TEXT,
            published_at TEXT NOT NULL,
            PRIMARY KEY (id_number, insurance_type, division_code, enrolment_date)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS shared_enrolment_employer ON shared_enrolment(employer_credit_code, id_number);
        CREATE TABLE IF NOT EXISTS shared_pension (
            id_number TEXT NOT NULL PRIMARY KEY,
            last_period INTEGER NOT NULL,
            division_code TEXT NOT NULL,
            published_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS shared_pension_period ON shared_pension(last_period);
        CREATE TABLE IF NOT EXISTS shared_publication (
            dataset TEXT NOT NULL PRIMARY KEY,
            published_at TEXT NOT NULL,
            records INTEGER NOT NULL,
            events INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS shared_event (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            dataset TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_key TEXT NOT NULL,
            detail TEXT,
            occurred_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS registry_notice (
            dataset TEXT NOT NULL,
            record_key TEXT NOT NULL,
            status TEXT,
            notice_date TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (dataset, record_key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS partner (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            certificate_serial TEXT NOT NULL UNIQUE,
            certificate_subject TEXT NOT NULL,
            certificate_pem TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS agreement (
            id TEXT NOT NULL PRIMARY KEY,
            partner_id TEXT NOT NULL REFERENCES partner(id),
            definition TEXT NOT NULL,
            status TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            changed_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS subscription (
            id TEXT NOT NULL PRIMARY KEY,
            agreement_id TEXT NOT NULL REFERENCES agreement(id),
            dataset TEXT NOT NULL,
            callback_url TEXT,
            acknowledged_seq INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            last_pull_at TEXT);
        CREATE TABLE IF NOT EXISTS partner_access (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            occurred_at TEXT NOT NULL,
            partner_id TEXT NOT NULL,
            agreement_id TEXT,
            service TEXT NOT NULL,
            purpose TEXT,
            keys TEXT NOT NULL,
            units INTEGER NOT NULL,
            fields TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT,
            client_address TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS partner_access_time ON partner_access(occurred_at);
        CREATE INDEX IF NOT EXISTS partner_access_agreement ON partner_access(agreement_id, occurred_at);
        CREATE INDEX IF NOT EXISTS partner_access_partner ON partner_access(partner_id, id);
        """;

    /// <summary>
    /// Columns added after the first release, as (table, column, type). A database created before them gets each one
    /// appended by <c>ALTER TABLE</c>, and a new database gets them the same way, so the column order is the same in both.
    /// </summary>
    public static IReadOnlyList<(string Table, string Column, string Type)> AddedColumns { get; } =
    [
        ("shared_person", "death_date", "TEXT"),
        ("shared_employer", "registration_status", "TEXT"),
        ("shared_employer", "closure_date", "TEXT"),
    ];
}
