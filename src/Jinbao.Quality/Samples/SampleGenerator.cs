using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jinbao.Quality.Rules;
using Jinbao.Standards;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Writes synthetic extracts for tests, demonstrations and benchmarks: realistic records of one
/// dataset in CSV, a share of them with one planted fault each, and an answer key that lists every
/// planted fault with the rule the quality check should report. All personal data in them is made up.
/// </summary>
public static class SampleGenerator
{
    private const int ProgressInterval = 1 << 16;
    private const int CancellationInterval = 1 << 12;
    private const int FileBufferSize = 1 << 16;

    // The parameter name that ArgumentException reports for an invalid option.
    private const string OptionsParameter = "options";

    // RFC 4180 ends records with CRLF.
    private const string LineBreak = "\r\n";

    private static readonly DateOnly EarliestToday = new(2009, 1, 1);
    private static readonly DateOnly LatestToday = new(2060, 12, 31);

    static SampleGenerator() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Writes the sample to <see cref="SampleOptions.OutputPath"/> and the answer key beside it,
    /// replacing existing files. Each answer-key row names the spreadsheet row of a faulty record
    /// (the header is row 1), the element id of the faulty field and the rule id. Both files are
    /// written under temporary names in the same folder and renamed only when complete, so a
    /// failure or cancellation leaves any earlier files untouched and no partial file behind.
    /// </summary>
    /// <param name="options">What to write.</param>
    /// <param name="progress">Receives the number of records written so far, every 65,536 records and at the end.</param>
    /// <param name="cancellationToken">Checked every 4,096 records and before the files are renamed.</param>
    /// <returns>The number of records and of faulty records, and where the answer key is.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and the allowed values.</exception>
    /// <exception cref="IOException">
    /// A file cannot be created, written or renamed, for example because its folder does not exist
    /// or the output path is a folder. The message is English.
    /// </exception>
    /// <exception cref="UnauthorizedAccessException">A file may not be written.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the temporary files are deleted.</exception>
    public static SampleSummary Write(SampleOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        string dataset = SelectDataset(options.Dataset);
        var encoding = SelectEncoding(options.Encoding);
        var today = SelectToday(options.Today);
        ValidateCounts(options);

        var standards = StandardsCatalog.Default;
        var random = new SampleRandom(options.Seed);
        var divisions = new SampleDivisions(standards.Divisions);
        ISampleRecordWriter writer = dataset switch
        {
            "person" => new PersonSampleWriter(random, divisions, standards, today),
            "employer" => new EmployerSampleWriter(random, divisions, today),
            "enrolment" => new EnrolmentSampleWriter(random, divisions, standards, today, options.Records),
            "contribution" => new ContributionSampleWriter(random, divisions, standards, today, options.Records),
            "benefit-payment" => new BenefitPaymentSampleWriter(random, divisions, standards, today, options.Records),
            _ => throw new UnreachableException(),
        };
        if ((ulong)options.Records > writer.KeyCapacity)
        {
            throw new ArgumentException(
                $"SampleOptions.Records {options.Records} is too large: the {dataset} generator can make at most {writer.KeyCapacity} distinct keys. Request fewer records.",
                OptionsParameter);
        }

        // Only faults whose rule the shipped rule file enables are planted.
        var rules = RuleSet.Load(dataset, overrideFile: null);
        var kinds = dataset switch
        {
            "person" => SampleFaults.Person,
            "employer" => SampleFaults.Employer,
            "enrolment" => SampleFaults.Enrolment,
            "contribution" => SampleFaults.Contribution,
            _ => SampleFaults.BenefitPayment,
        };
        var schedule = new FaultSchedule(kinds.Where(f => rules.IsEnabled(SampleFaults.Describe(f).Rule)), random);

        string answerKeyPath = options.OutputPath + ".answers.csv";
        RejectFolder(options.OutputPath);
        RejectFolder(answerKeyPath);
        cancellationToken.ThrowIfCancellationRequested();

        string outputTemporary = TemporaryPath(options.OutputPath);
        string answerKeyTemporary = TemporaryPath(answerKeyPath);
        long faultyRecords;
        try
        {
            using (var output = CreateText(outputTemporary, encoding))
            using (var answers = CreateText(answerKeyTemporary, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                output.Write(string.Join(',', writer.Header));
                output.Write(LineBreak);
                answers.Write("row,field,rule");
                answers.Write(LineBreak);
                faultyRecords = WriteRecords(options, writer, schedule, random, output, answers, progress, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();

            // NOTE: if the second rename fails, the new answer key sits beside the earlier extract.
            File.Move(answerKeyTemporary, answerKeyPath, overwrite: true);
            File.Move(outputTemporary, options.OutputPath, overwrite: true);
        }
        catch
        {
            TryDelete(outputTemporary);
            TryDelete(answerKeyTemporary);
            throw;
        }

        if (options.Records % ProgressInterval != 0)
        {
            progress?.Report(options.Records);
        }

        return new SampleSummary(options.Records, faultyRecords, answerKeyPath);
    }

    private static long WriteRecords(
        SampleOptions options,
        ISampleRecordWriter writer,
        FaultSchedule schedule,
        SampleRandom random,
        StreamWriter output,
        StreamWriter answers,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var line = new SampleLine();
        Func<SampleFault, bool> canPlant = writer.CanPlant;
        long faultyRecords = 0;
        for (long index = 0; index < options.Records; index++)
        {
            if (index % CancellationInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var fault = random.Chance(options.ErrorRate) ? schedule.Next(canPlant) : SampleFault.None;
            writer.Write(index, fault, line);
            output.Write(line.Span);

            if (fault != SampleFault.None)
            {
                faultyRecords++;
                var (rule, field) = SampleFaults.Describe(fault);
                long row = index + 2;
                answers.Write(row.ToString(CultureInfo.InvariantCulture));
                answers.Write(',');
                answers.Write(field);
                answers.Write(',');
                answers.Write(RuleIds.Name(rule));
                answers.Write(LineBreak);
            }

            if ((index + 1) % ProgressInterval == 0)
            {
                progress?.Report(index + 1);
            }
        }

        return faultyRecords;
    }

    private static StreamWriter CreateText(string path, Encoding encoding) =>
        new(path, encoding, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = FileBufferSize });

    // Checked before any record is written, because otherwise the final rename would fail only after the whole file was made.
    private static void RejectFolder(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a folder. Give the path of a file to write.");
        }
    }

    // The same folder as the target, so that the final rename does not copy across file systems.
    private static string TemporaryPath(string path) => $"{path}.tmp-{Environment.ProcessId}";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort. The original failure is the one to report, and a leftover temporary file replaces nothing.
        }
    }

    private static string SelectDataset(string? dataset) => dataset?.Trim().ToLowerInvariant() switch
    {
        "person" => "person",
        "employer" => "employer",
        "enrolment" => "enrolment",
        "contribution" => "contribution",
        "benefit-payment" => "benefit-payment",
        _ => throw new ArgumentException($"SampleOptions.Dataset '{dataset}' is not supported. Use 'person', 'employer', 'enrolment', 'contribution' or 'benefit-payment'.", OptionsParameter),
    };

    private static Encoding SelectEncoding(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "utf-8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        "utf-8-bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true),
        "gb18030" => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        _ => throw new ArgumentException($"SampleOptions.Encoding '{name}' is not supported. Use 'utf-8', 'utf-8-bom' or 'gb18030'.", OptionsParameter),
    };

    private static DateOnly SelectToday(DateOnly today)
    {
        var day = today == default ? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime) : today;
        if (day < EarliestToday || day > LatestToday)
        {
            throw new ArgumentException(
                $"SampleOptions.Today {day:yyyy-MM-dd} is out of range. Use a day from {EarliestToday:yyyy-MM-dd} to {LatestToday:yyyy-MM-dd}, so that clean birth dates (1950–2008) are past and clean ages are 0–120.",
                OptionsParameter);
        }

        return day;
    }

    private static void ValidateCounts(SampleOptions options)
    {
        if (options.Records < 1)
        {
            throw new ArgumentException($"SampleOptions.Records {options.Records} is invalid. Request at least 1 record.", OptionsParameter);
        }

        if (!(options.ErrorRate >= 0 && options.ErrorRate <= 1))
        {
            throw new ArgumentException($"SampleOptions.ErrorRate {options.ErrorRate} is invalid. Use a number from 0 to 1.", OptionsParameter);
        }

        if (string.IsNullOrWhiteSpace(options.OutputPath))
        {
            throw new ArgumentException("SampleOptions.OutputPath is missing. Give the path of the CSV file to write.", OptionsParameter);
        }
    }
}
