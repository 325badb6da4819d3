using System.Data.Common;
using Jinbao.Storage.Import;
using Jinbao.Storage.Providers;
using Microsoft.Extensions.Logging;

namespace Jinbao.Storage.MasterIndex;

/// <summary>Reads the master index and resolves its conflicts; every query is a lookup by person or employer key.</summary>
internal sealed class MasterIndexQueries(StoreProvider provider, TimeProvider time, ILogger logger)
{
    // The fields a conflict can name; the value is checked against this list before it is put into SQL.
    private static readonly HashSet<string> ConflictFields = new(StringComparer.Ordinal) { "name", "sex", "birth_date" };

    private const string ConflictColumns =
        "person_key, conflict_id, field, current_value, incoming_value, batch_id, source_row, detected_at, status, resolved_value, resolved_by, resolved_at";

    public PersonEntry? FindPerson(string idNumber)
    {
        string? key = FieldValues.PersonKey(idNumber);
        if (key is null)
        {
            return null;
        }

        using var connection = provider.Open();
        using var command = Sql.Command(connection, null, """
            SELECT person_key, id_document_type, name, sex, birth_date, ethnicity, education, division_code, phone, first_batch_id, last_batch_id, updated_at
            FROM person WHERE person_key = @key
            """, ("@key", key));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var entry = new PersonEntry(
            reader.GetString(0), Sql.Text(reader, 1), Sql.Text(reader, 2), Sql.Text(reader, 3), Sql.Date(reader, 4), Sql.Text(reader, 5),
            Sql.Text(reader, 6), Sql.Text(reader, 7), Sql.Text(reader, 8), reader.GetString(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11), []);
        reader.Close();
        return entry with { Enrolments = ReadEnrolments(connection, key) };
    }

    public EmployerEntry? FindEmployer(string creditCode)
    {
        string? key = FieldValues.EmployerKey(creditCode);
        if (key is null)
        {
            return null;
        }

        using var connection = provider.Open();
        using var command = Sql.Command(connection, null, """
            SELECT employer_key, name, division_code, establishment_date, legal_representative, first_batch_id, last_batch_id, updated_at
            FROM employer WHERE employer_key = @key
            """, ("@key", key));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new EmployerEntry(reader.GetString(0), Sql.Text(reader, 1), Sql.Text(reader, 2), Sql.Date(reader, 3), Sql.Text(reader, 4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7))
            : null;
    }

    public IReadOnlyList<PersonConflict> ListConflicts(ConflictStatus? status, string? idNumber, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        string? key = idNumber is null ? null : FieldValues.PersonKey(idNumber);
        if (idNumber is not null && key is null)
        {
            return [];
        }

        using var connection = provider.Open();
        using var command = Sql.Command(connection, null, $"""
            SELECT {ConflictColumns} FROM person_conflict
            WHERE (@status IS NULL OR status = @status) AND (@key IS NULL OR person_key = @key)
            ORDER BY detected_at, person_key, conflict_id
            LIMIT @limit
            """, ("@status", status is null ? null : StatusText(status.Value)), ("@key", key), ("@limit", limit));
        using var reader = command.ExecuteReader();
        var conflicts = new List<PersonConflict>();
        while (reader.Read())
        {
            conflicts.Add(ReadConflict(reader));
        }

        return conflicts;
    }

    public ConflictResolution Resolve(string personKey, string conflictId, string chosenValue, string reviewer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentNullException.ThrowIfNull(chosenValue);

        using var connection = provider.Open();
        using var transaction = connection.BeginTransaction();
        PersonConflict? conflict;
        using (var command = Sql.Command(connection, transaction, $"SELECT {ConflictColumns} FROM person_conflict WHERE person_key = @key AND conflict_id = @id",
            ("@key", personKey), ("@id", conflictId)))
        using (var reader = command.ExecuteReader())
        {
            conflict = reader.Read() ? ReadConflict(reader) : null;
        }

        if (conflict is null)
        {
            return ConflictResolution.NotFound;
        }

        if (conflict.Status == ConflictStatus.Resolved)
        {
            return ConflictResolution.AlreadyResolved;
        }

        if (chosenValue != conflict.CurrentValue && chosenValue != conflict.IncomingValue)
        {
            return ConflictResolution.ValueNotOffered;
        }

        if (!ConflictFields.Contains(conflict.Field))
        {
            throw new InvalidOperationException($"The stored conflict names the unknown field '{conflict.Field}'.");
        }

        var now = time.GetUtcNow();
        object value = conflict.Field == "birth_date" ? DateOnly.ParseExact(chosenValue, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : chosenValue;
        Sql.Execute(connection, transaction, $"UPDATE person SET {conflict.Field} = @value, updated_at = @now WHERE person_key = @key",
            ("@value", value), ("@now", now), ("@key", personKey));
        Sql.Execute(connection, transaction, """
            UPDATE person_conflict SET status = 'resolved', resolved_value = @value, resolved_by = @reviewer, resolved_at = @now
            WHERE person_key = @key AND conflict_id = @id
            """, ("@value", chosenValue), ("@reviewer", reviewer), ("@now", now), ("@key", personKey), ("@id", conflictId));
        transaction.Commit();
        StoreLog.ConflictResolved(logger, conflictId, conflict.Field, reviewer);
        return ConflictResolution.Resolved;
    }

    private static List<EnrolmentEntry> ReadEnrolments(DbConnection connection, string key)
    {
        using var command = Sql.Command(connection, null, """
            SELECT insurance_type, division_code, enrolment_date, employer_key, status, termination_date, batch_id
            FROM enrolment WHERE person_key = @key ORDER BY insurance_type, enrolment_date, division_code
            """, ("@key", key));
        using var reader = command.ExecuteReader();
        var enrolments = new List<EnrolmentEntry>();
        while (reader.Read())
        {
            enrolments.Add(new EnrolmentEntry(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), Sql.Text(reader, 3), reader.GetString(4), Sql.Date(reader, 5), reader.GetString(6)));
        }

        return enrolments;
    }

    private static PersonConflict ReadConflict(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetInt64(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8) == "resolved" ? ConflictStatus.Resolved : ConflictStatus.Open,
        Sql.Text(reader, 9), Sql.Text(reader, 10), Sql.Timestamp(reader, 11));

    private static string StatusText(ConflictStatus status) => status == ConflictStatus.Resolved ? "resolved" : "open";
}
