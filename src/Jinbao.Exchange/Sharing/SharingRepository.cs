using System.Globalization;
using Jinbao.Exchange.Inbound;
using Jinbao.Exchange.Resources;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Jinbao.Exchange.Sharing;

/// <summary>The outcome of publishing one dataset.</summary>
public sealed record PublicationResult(string Dataset, long Records, long Events, DateTimeOffset PublishedAt);

/// <summary>A change event of a shared dataset, numbered in the order it was found.</summary>
public sealed record ChangeEvent(long Sequence, string Dataset, string Kind, string RecordKey, string? Detail, DateTimeOffset OccurredAt);

/// <summary>The kinds of change event that publishing and partner notices record.</summary>
public static class ChangeKinds
{
    /// <summary>
    /// A person's death became known: a funeral grant (丧葬补助金, benefit type 05) was paid for them, or civil affairs
    /// (民政) sent a death notice. Recorded once per person, whichever comes first.
    /// </summary>
    public const string PersonDeceased = "person-deceased";

    /// <summary>Market regulation (市场监管) reported an employer deregistered (注销) or its licence revoked (吊销).</summary>
    public const string EmployerClosed = "employer-closed";

    /// <summary>An enrolment moved to status 3 (终止).</summary>
    public const string EnrolmentEnded = "enrolment-ended";

    /// <summary>A pensioner was missing from the latest pension payment run.</summary>
    public const string PensionStopped = "pension-stopped";
}

/// <summary>
/// Publishes datasets from the central store into the sharing repository and reads them back for partner services.
/// Publishing copies only the catalogue's shareable columns, so a field that is never shared (不予共享) cannot
/// reach a partner whatever an agreement grants.
/// </summary>
public sealed class SharingRepository(SharingDatabase database, TimeProvider time)
{
    /// <summary>The database this repository writes to.</summary>
    public SharingDatabase Database => database;

    /// <summary>
    /// Replaces the published copy of <paramref name="datasetName"/> with the current rows of the SQLite central store
    /// <paramref name="centralStoreFile"/>. See <see cref="Publish(Func{DbConnection}, string)"/>.
    /// </summary>
    /// <exception cref="SharingException">The dataset is unknown or the store file does not exist.</exception>
    public PublicationResult Publish(string centralStoreFile, string datasetName)
    {
        if (!File.Exists(centralStoreFile))
        {
            throw new SharingException(Text.Format(SharingText.StoreFileMissing, centralStoreFile));
        }

        string connectionString = new SqliteConnectionStringBuilder { DataSource = centralStoreFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        return Publish(() => new SqliteConnection(connectionString), datasetName);
    }

    /// <summary>
    /// Replaces the published copy of <paramref name="datasetName"/> with the current rows of the central store, read
    /// through a connection from <paramref name="openStore"/> (SQLite or PostgreSQL, not yet opened). Change events are
    /// recorded for each death, ended enrolment or stopped pension found against the previous copy. The first
    /// publication of a dataset records no events. The copy is replaced in one transaction.
    /// </summary>
    /// <exception cref="SharingException">The dataset is unknown.</exception>
    public PublicationResult Publish(Func<DbConnection> openStore, string datasetName)
    {
        ArgumentNullException.ThrowIfNull(openStore);
        var dataset = SharedDatasets.Find(datasetName)
            ?? throw new SharingException(Text.Format(SharingText.DatasetUnknown, datasetName, string.Join("、", SharedDatasets.All.Select(d => d.Name))));
        var now = time.GetUtcNow();
        string stamp = SharingDatabase.FormatTime(now);
        var source = PublishSources.Of(dataset.Name);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "DROP TABLE IF EXISTS temp.fresh");
        Run(connection, transaction, $"CREATE TEMP TABLE fresh ({string.Join(", ", source.Columns)})");
        CopyFromStore(openStore, source, connection, transaction);
        bool first = Scalar(connection, transaction, "SELECT COUNT(*) FROM shared_publication WHERE dataset = $p0", dataset.Name) == 0;
        long before = Scalar(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM shared_event");
        foreach (string statement in PublishStatements(dataset.Name, first))
        {
            Run(connection, transaction, statement, stamp);
        }

        long records = Scalar(connection, transaction, $"SELECT COUNT(*) FROM {dataset.Table}");
        long events = Scalar(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM shared_event") - before;
        Run(connection, transaction, """
            INSERT INTO shared_publication (dataset, published_at, records, events) VALUES ($p0, $p1, $p2, $p3)
            ON CONFLICT (dataset) DO UPDATE SET published_at = excluded.published_at, records = excluded.records, events = excluded.events
            """, dataset.Name, stamp, records, events);
        Run(connection, transaction, "DROP TABLE temp.fresh");
        transaction.Commit();
        return new PublicationResult(dataset.Name, records, events, now);
    }

    // Streams the rows of the store's query into temp.fresh. Dates become yyyy-MM-dd text and booleans 0 or 1, so
    // SQLite and PostgreSQL stores give the same copy.
    private static void CopyFromStore(Func<DbConnection> openStore, PublishSource source, SqliteConnection connection, SqliteTransaction transaction)
    {
        using var store = openStore();
        store.Open();
        using var query = store.CreateCommand();
        query.CommandText = source.Query;
        using var reader = query.ExecuteReader();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO temp.fresh VALUES ({string.Join(", ", source.Columns.Select((_, i) => "$c" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = source.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = "$c" + i.ToString(CultureInfo.InvariantCulture) })).ToArray();
        while (reader.Read())
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = reader.GetValue(i) switch
                {
                    DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    bool flag => flag ? 1 : 0,
                    var value => value,
                };
            }

            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Records partner notices in the repository, in one transaction. Each notice is kept, so that later publications lay
    /// it over the central store's rows. A death sets the person's <c>deceased</c> to 1 and <c>death_date</c>, and a
    /// closure sets the employer's <c>registration_status</c> (注销 or 吊销) and <c>closure_date</c>. A
    /// <see cref="ChangeKinds.PersonDeceased"/> or <see cref="ChangeKinds.EmployerClosed"/> event is recorded for a
    /// published person not yet deceased or a published employer not yet closed, so a repeated notice records none.
    /// </summary>
    /// <param name="noticeDataset"><see cref="RegistryNotices.DeathDataset"/> or <see cref="RegistryNotices.ClosureDataset"/>.</param>
    /// <param name="notices">Validated notices of that dataset.</param>
    /// <returns>The number of events recorded.</returns>
    /// <remarks>NOTE: a notice for a person or employer that is not published yet records no event, and the first publication that includes them shows them deceased or closed without one.</remarks>
    public long RecordNotices(string noticeDataset, IReadOnlyList<RegistryNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        bool deaths = noticeDataset switch
        {
            RegistryNotices.DeathDataset => true,
            RegistryNotices.ClosureDataset => false,
            _ => throw new ArgumentException($"Not a notice dataset: {noticeDataset}", nameof(noticeDataset)),
        };
        string stamp = SharingDatabase.FormatTime(time.GetUtcNow());
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var keep = SharingDatabase.Prepare(connection, """
            INSERT INTO registry_notice (dataset, record_key, status, notice_date, recorded_at) VALUES ($p0, $p1, $p2, $p3, $p4)
            ON CONFLICT (dataset, record_key) DO UPDATE SET status = excluded.status, notice_date = excluded.notice_date, recorded_at = excluded.recorded_at
            """, [noticeDataset, "", null, "", stamp], transaction);
        using var record = SharingDatabase.Prepare(connection, deaths
            ? $"""
                INSERT INTO shared_event (dataset, kind, record_key, detail, occurred_at)
                SELECT 'person', '{ChangeKinds.PersonDeceased}', id_number, $p1, $p2 FROM shared_person WHERE id_number = $p0 AND deceased = 0
                """
            : $"""
                INSERT INTO shared_event (dataset, kind, record_key, detail, occurred_at)
                SELECT 'employer', '{ChangeKinds.EmployerClosed}', credit_code, $p1, $p2 FROM shared_employer WHERE credit_code = $p0 AND registration_status IS NULL
                """, ["", "", stamp], transaction);
        using var update = SharingDatabase.Prepare(connection, deaths
            ? "UPDATE shared_person SET deceased = 1, death_date = $p1 WHERE id_number = $p0"
            : "UPDATE shared_employer SET registration_status = $p2, closure_date = $p1 WHERE credit_code = $p0", deaths ? ["", ""] : ["", "", null], transaction);

        long events = 0;
        foreach (var notice in notices)
        {
            string date = RegistryNotices.FormatDate(notice.Date);
            object status = notice.Status is { } closed ? RegistryNotices.StatusName(closed) : DBNull.Value;
            keep.Parameters["$p1"].Value = notice.Key;
            keep.Parameters["$p2"].Value = status;
            keep.Parameters["$p3"].Value = date;
            keep.ExecuteNonQuery();
            record.Parameters["$p0"].Value = notice.Key;
            record.Parameters["$p1"].Value = date;
            events += record.ExecuteNonQuery();
            update.Parameters["$p0"].Value = notice.Key;
            update.Parameters["$p1"].Value = date;
            if (!deaths)
            {
                update.Parameters["$p2"].Value = status;
            }

            update.ExecuteNonQuery();
        }

        transaction.Commit();
        return events;
    }

    /// <summary>Returns the last publication of each dataset.</summary>
    public IReadOnlyList<PublicationResult> Publications() => database.Query(
        "SELECT dataset, records, events, published_at FROM shared_publication ORDER BY dataset",
        r => new PublicationResult(r.GetString(0), r.GetInt64(1), r.GetInt64(2), SharingDatabase.ParseTime(r.GetString(3))));

    /// <summary>
    /// Reads the named columns of the records with the given keys. Returns one row per record found, keyed by the
    /// record's key value; a person or employer has one row, enrolments may have several.
    /// </summary>
    internal Dictionary<string, List<Dictionary<string, string?>>> Read(SharedDataset dataset, IReadOnlyList<SharedField> fields, IReadOnlyCollection<string> keys)
    {
        var keyField = dataset.Fields.First(f => f.IsKey);
        var result = new Dictionary<string, List<Dictionary<string, string?>>>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        // Column names come from the catalogue, never from the request.
        string columns = string.Join(", ", fields.Select(f => f.Column));
        using var connection = database.OpenForReading();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {keyField.Column}, {columns} FROM {dataset.Table} WHERE {keyField.Column} = $key";
        var parameter = command.Parameters.Add("$key", SqliteType.Text);
        command.Prepare();
        foreach (string key in keys)
        {
            parameter.Value = key;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (int i = 0; i < fields.Count; i++)
                {
                    row[fields[i].Name] = reader.IsDBNull(i + 1) ? null : Convert.ToString(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
                }

                if (!result.TryGetValue(key, out var rows))
                {
                    rows = [];
                    result[key] = rows;
                }

                rows.Add(row);
            }
        }

        return result;
    }

    /// <summary>Reads the named columns of every record of a dataset, in key order.</summary>
    internal IEnumerable<string?[]> ReadAll(SharedDataset dataset, IReadOnlyList<SharedField> fields)
    {
        var keyField = dataset.Fields.First(f => f.IsKey);
        using var connection = database.OpenForReading();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", fields.Select(f => f.Column))} FROM {dataset.Table} ORDER BY {keyField.Column}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new string?[fields.Count];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            yield return row;
        }
    }

    /// <summary>
    /// Whether the repository records the person as not deceased and as paid a pension in the latest pension
    /// payment run published (the highest period in the pension dataset).
    /// </summary>
    internal bool IsAliveAndReceivingPension(string idNumber) => Exists("""
        SELECT 1 FROM shared_pension p
        WHERE p.id_number = $p0
          AND p.last_period = (SELECT MAX(last_period) FROM shared_pension)
          AND NOT EXISTS (SELECT 1 FROM shared_person d WHERE d.id_number = p.id_number AND d.deceased = 1)
        """, idNumber);

    /// <summary>Whether the person has an enrolment with the employer whose status is 1 (参保缴费).</summary>
    internal bool IsEnrolledWith(string idNumber, string creditCode) => Exists(
        "SELECT 1 FROM shared_enrolment WHERE employer_credit_code = $p1 AND id_number = $p0 AND status = '1'", idNumber, creditCode);

    /// <summary>Returns up to <paramref name="limit"/> events of a dataset after sequence <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<ChangeEvent> EventsAfter(string dataset, long after, int limit) => database.Query(
        "SELECT seq, dataset, kind, record_key, detail, occurred_at FROM shared_event WHERE dataset = $p0 AND seq > $p1 ORDER BY seq LIMIT $p2",
        r => new ChangeEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), SharingDatabase.TextOrNull(r, 4), SharingDatabase.ParseTime(r.GetString(5))),
        dataset, after, limit);

    /// <summary>The latest event sequence number, 0 when there is none.</summary>
    public long LatestSequence() => (long)(database.Scalar("SELECT COALESCE(MAX(seq), 0) FROM shared_event") ?? 0L);

    private bool Exists(string sql, params object?[] parameters) => database.Scalar(sql, parameters) is not null;

    // Each statement takes the publication time as $p0. Event statements compare the new rows in temp.fresh with the
    // previous copy before it is replaced.
    private static IEnumerable<string> PublishStatements(string dataset, bool first)
    {
        switch (dataset)
        {
            case "person":
                if (!first)
                {
                    yield return $"""
                        INSERT INTO shared_event (dataset, kind, record_key, detail, occurred_at)
                        SELECT 'person', '{ChangeKinds.PersonDeceased}', f.id_number, NULL, $p0
                        FROM temp.fresh f JOIN shared_person s ON s.id_number = f.id_number
                        WHERE f.deceased = 1 AND s.deceased = 0
                        """;
                }

                yield return "DELETE FROM shared_person";
                yield return """
                    INSERT INTO shared_person (id_number, name, sex, birth_date, education, division_code, deceased, published_at)
                    SELECT id_number, name, sex, birth_date, education, division_code, deceased, $p0 FROM temp.fresh
                    """;

                // The central store does not contain notices, so the recorded deaths are laid over the new copy.
                yield return $"""
                    UPDATE shared_person SET deceased = 1, death_date = n.notice_date
                    FROM registry_notice n WHERE n.dataset = '{RegistryNotices.DeathDataset}' AND n.record_key = shared_person.id_number
                    """;
                break;
            case "employer":
                yield return "DELETE FROM shared_employer";
                yield return """
                    INSERT INTO shared_employer (credit_code, name, division_code, establishment_date, legal_representative, published_at)
                    SELECT credit_code, name, division_code, establishment_date, legal_representative, $p0 FROM temp.fresh
                    """;
                yield return $"""
                    UPDATE shared_employer SET registration_status = n.status, closure_date = n.notice_date
                    FROM registry_notice n WHERE n.dataset = '{RegistryNotices.ClosureDataset}' AND n.record_key = shared_employer.credit_code
                    """;
                break;
            case "enrolment":
                if (!first)
                {
                    yield return $"""
                        INSERT INTO shared_event (dataset, kind, record_key, detail, occurred_at)
                        SELECT 'enrolment', '{ChangeKinds.EnrolmentEnded}', f.id_number, f.insurance_type || '/' || COALESCE(f.employer_credit_code, ''), $p0
                        FROM temp.fresh f JOIN shared_enrolment s
                          ON s.id_number = f.id_number AND s.insurance_type = f.insurance_type AND s.division_code = f.division_code AND s.enrolment_date = f.enrolment_date
                        WHERE f.status = '3' AND s.status <> '3'
                        """;
                }

                yield return "DELETE FROM shared_enrolment";
                yield return """
                    INSERT INTO shared_enrolment
                    SELECT id_number, insurance_type, division_code, enrolment_date, employer_credit_code, status, termination_date, $p0 FROM temp.fresh
                    """;
                break;
            case "pension":
                if (!first)
                {
                    // A pensioner who was in the previous latest run and is absent from the new latest run.
                    yield return $"""
                        INSERT INTO shared_event (dataset, kind, record_key, detail, occurred_at)
                        SELECT 'pension', '{ChangeKinds.PensionStopped}', s.id_number, CAST(s.last_period AS TEXT), $p0
                        FROM shared_pension s LEFT JOIN temp.fresh f ON f.id_number = s.id_number
                        WHERE s.last_period = (SELECT MAX(last_period) FROM shared_pension)
                          AND (f.id_number IS NULL OR f.last_period < (SELECT MAX(last_period) FROM temp.fresh))
                        """;
                }

                yield return "DELETE FROM shared_pension";
                yield return "INSERT INTO shared_pension SELECT id_number, last_period, division_code, $p0 FROM temp.fresh";
                break;
        }
    }

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] parameters)
    {
        using var command = SharingDatabase.Prepare(connection, sql, parameters, transaction);
        if (!sql.Contains("$p0", StringComparison.Ordinal))
        {
            command.Parameters.Clear();
        }

        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] parameters)
    {
        using var command = SharingDatabase.Prepare(connection, sql, parameters, transaction);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
