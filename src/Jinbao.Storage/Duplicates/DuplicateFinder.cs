using System.Diagnostics;
using Jinbao.Storage.Providers;
using Microsoft.Extensions.Logging;

namespace Jinbao.Storage.Duplicates;

/// <summary>
/// Finds cross-region duplicates with two self-joins that the primary keys index: enrolments join on
/// (person_key, insurance_type) and payments on (person_key, benefit_type, period), the leading
/// columns of those keys. On Citus both joins include the distribution column, so each runs on every
/// shard in parallel without moving rows.
/// </summary>
internal sealed class DuplicateFinder(StoreProvider provider, ILogger logger)
{
    // Status 1 is 参保缴费 (active). A missing termination date means the enrolment lasts.
    private const string EnrolmentSql = """
        SELECT a.person_key, a.insurance_type, a.division_code, b.division_code,
               a.enrolment_date, b.enrolment_date, a.termination_date, b.termination_date
        FROM enrolment a
        JOIN enrolment b
          ON b.person_key = a.person_key
         AND b.insurance_type = a.insurance_type
         AND b.division_code > a.division_code
         AND substr(b.division_code, 1, 4) <> substr(a.division_code, 1, 4)
        WHERE a.status = '1' AND b.status = '1'
          AND a.enrolment_date <= COALESCE(b.termination_date, '9999-12-31')
          AND b.enrolment_date <= COALESCE(a.termination_date, '9999-12-31')
        ORDER BY a.person_key, a.insurance_type, a.division_code, b.division_code
        """;

    private const string PaymentSql = """
        SELECT a.person_key, a.benefit_type, a.division_code, b.division_code, a.period, a.amount_fen, b.amount_fen
        FROM benefit_payment a
        JOIN benefit_payment b
          ON b.person_key = a.person_key
         AND b.benefit_type = a.benefit_type
         AND b.period = a.period
         AND b.division_code > a.division_code
         AND substr(b.division_code, 1, 4) <> substr(a.division_code, 1, 4)
        ORDER BY a.person_key, a.benefit_type, a.period, a.division_code, b.division_code
        """;

    /// <summary>Streams the duplicate enrolments, then the duplicate payments, ordered by person.</summary>
    public IEnumerable<DuplicateCase> Find(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        long enrolments = 0;
        long payments = 0;
        using var connection = provider.Open();
        using (var command = Sql.Command(connection, null, EnrolmentSql))
        {
            command.CommandTimeout = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var firstStart = reader.GetFieldValue<DateOnly>(4);
                var secondStart = reader.GetFieldValue<DateOnly>(5);
                var firstEnd = Sql.Date(reader, 6);
                var secondEnd = Sql.Date(reader, 7);
                enrolments++;
                DateOnly? end = firstEnd is null ? secondEnd : secondEnd is null ? firstEnd : Min(firstEnd.Value, secondEnd.Value);
                yield return new DuplicateCase(
                    DuplicateKind.Enrolment, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    firstStart > secondStart ? firstStart : secondStart, end, null, null, null);
            }
        }

        using (var command = Sql.Command(connection, null, PaymentSql))
        {
            command.CommandTimeout = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                payments++;
                yield return new DuplicateCase(
                    DuplicateKind.BenefitPayment, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    null, null, reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6));
            }
        }

        StoreLog.DuplicatesFound(logger, enrolments, payments, stopwatch.Elapsed.TotalSeconds);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
