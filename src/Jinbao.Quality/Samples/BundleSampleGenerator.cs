using System.Globalization;
using System.Text;
using Jinbao.Quality.CrossFile;
using Jinbao.Standards;
using Sylvan.Data.Csv;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Writes a bundle of extracts that refer to each other, with the two registry extracts and one
/// answer key. The enrolment, contribution and benefit-payment extracts come from
/// <see cref="SampleGenerator"/> with its planted record-rule faults. The person and employer
/// extracts, the enrolments that cover the contributions and payments, and both registries are
/// derived from them, and then spoilt on purpose: persons, employers and enrolments left out,
/// enrolments shortened, registry values changed, deaths and closures recorded. The answer key lists
/// every finding the check must make (file, row, field, rule), predicted by straightforward
/// in-memory lookups that share only the key parsing with the engine.
/// </summary>
public static partial class BundleSampleGenerator
{
    /// <summary>The file names inside the folder.</summary>
    public const string PersonFile = "person.csv";

    public const string EmployerFile = "employer.csv";
    public const string EnrolmentFile = "enrolment.csv";
    public const string ContributionFile = "contribution.csv";
    public const string PaymentFile = "benefit-payment.csv";
    public const string PopulationRegistryFile = "population-registry.csv";
    public const string LegalEntityRegistryFile = "legal-entity-registry.csv";

    /// <summary>The subfolder of the registry extracts, so that checking the folder reads only the five extracts.</summary>
    public const string RegistryFolder = "registries";

    private const string LineBreak = "\r\n";

    /// <summary>Writes the bundle.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BundleSampleSummary Write(BundleSampleOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Records < 20)
        {
            throw new ArgumentException($"BundleSampleOptions.Records {options.Records} is too small. Request at least 20 contribution records.", nameof(options));
        }

        var today = options.Today == default ? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime) : options.Today;
        string registries = Path.Combine(options.Directory, RegistryFolder);
        Directory.CreateDirectory(registries);
        var answers = new List<Answer>();

        // The business extracts with their record-rule faults.
        var business = new (string File, string Dataset, long Records, int SeedOffset)[]
        {
            (ContributionFile, "contribution", options.Records, 0),
            (PaymentFile, "benefit-payment", Math.Max(10, options.Records / 4), 1),
            (EnrolmentFile, "enrolment", Math.Max(10, options.Records / 4), 2),
        };
        foreach (var (file, dataset, records, offset) in business)
        {
            string path = Path.Combine(options.Directory, file);
            var summary = SampleGenerator.Write(new SampleOptions { Dataset = dataset, Records = records, Seed = options.Seed + offset, Today = today, OutputPath = path, ErrorRate = options.ErrorRate }, cancellationToken: cancellationToken);
            answers.AddRange(ReadAnswerKey(summary.AnswerKeyPath, file));
            File.Delete(summary.AnswerKeyPath);
        }

        var keys = new ReferenceKeys(StandardsCatalog.Default.Divisions, today);
        var contributions = BusinessRows.Read(Path.Combine(options.Directory, ContributionFile), keys);
        var payments = BusinessRows.Read(Path.Combine(options.Directory, PaymentFile), keys);
        var enrolments = BusinessRows.Read(Path.Combine(options.Directory, EnrolmentFile), keys);

        var plan = new BundlePlan(new SampleRandom(options.Seed + 3), new SampleDivisions(StandardsCatalog.Default.Divisions), today, contributions, payments, enrolments);
        plan.AppendEnrolments(Path.Combine(options.Directory, EnrolmentFile));
        plan.WritePersons(Path.Combine(options.Directory, PersonFile), answers);
        plan.WriteEmployers(Path.Combine(options.Directory, EmployerFile), answers);
        plan.WriteRegistries(Path.Combine(registries, PopulationRegistryFile), Path.Combine(registries, LegalEntityRegistryFile));
        cancellationToken.ThrowIfCancellationRequested();

        answers.AddRange(plan.PredictReferences());
        answers.AddRange(plan.PredictRegistry());

        // Beside the folder, as the answer key of a single extract is beside the extract.
        string answerKey = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Directory)) + ".answers.csv";
        using (var writer = new StreamWriter(answerKey, append: false, new UTF8Encoding(false)))
        {
            writer.Write("file,row,field,rule" + LineBreak);
            foreach (var answer in answers.OrderBy(a => a.File, StringComparer.Ordinal).ThenBy(a => a.Row).ThenBy(a => a.Rule, StringComparer.Ordinal))
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{answer.File},{answer.Row},{answer.Field},{answer.Rule}{LineBreak}"));
            }
        }

        return new BundleSampleSummary(
            [PersonFile, EmployerFile, EnrolmentFile, ContributionFile, PaymentFile],
            Path.Combine(registries, PopulationRegistryFile),
            Path.Combine(registries, LegalEntityRegistryFile),
            answerKey,
            answers.Count);
    }

    private static IEnumerable<Answer> ReadAnswerKey(string path, string file)
    {
        using var reader = CsvDataReader.Create(path);
        while (reader.Read())
        {
            yield return new Answer(file, long.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>One row of the answer key.</summary>
    internal sealed record Answer(string File, long Row, string Field, string Rule);
}
