using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality;
using Jinbao.Quality.Samples;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao sample</c>: writes a synthetic extract with planted faults and its answer key.</summary>
internal static class SampleCommand
{
    private const long MaxRecords = 100_000_000;
    private const int DefaultSeed = 20261204;

    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = CliText.SampleDatasetOption, DefaultValueFactory = _ => "person" };
        dataset.AcceptOnlyFromAmong("person", "employer", "enrolment", "contribution", "benefit-payment");
        var records = new Option<string>("--records", "-n") { Description = CliText.RecordsOption, DefaultValueFactory = _ => "10000" };
        var errorRate = new Option<string>("--error-rate") { Description = CliText.ErrorRateOption, DefaultValueFactory = _ => "0.02" };
        var encoding = new Option<string>("--encoding") { Description = CliText.SampleEncodingOption, DefaultValueFactory = _ => "utf-8" };

        // Not marked Required, because System.CommandLine 2.0.0 reports a missing required option in English.
        // The command validator below reports it in Chinese.
        var output = new Option<string>("--output", "-o") { Description = CliText.SampleOutputOption };
        NonEmptyValue.Require(output, CliText.SampleOutputEmpty);
        var seed = new Option<int>("--seed") { Description = CliText.SeedOption, DefaultValueFactory = _ => DefaultSeed, CustomParser = ParseSeed };

        var bundle = new Option<string?>("--bundle") { Description = CliText.SampleBundleOption };
        NonEmptyValue.Require(bundle, CliText.SampleBundleEmpty);

        var command = new Command("sample", CliText.SampleDescription) { dataset, records, errorRate, encoding, output, seed, bundle };
        command.Validators.Add(result =>
        {
            if (result.GetResult(output) is null && result.GetResult(bundle) is null)
            {
                result.AddError(CliText.SampleOutputMissing);
            }
        });
        command.SetAction(parsed => CommandErrors.Run(cancellation =>
        {
            if (parsed.GetValue(bundle) is { } folder)
            {
                return ExecuteBundle(new BundleSampleOptions
                {
                    Directory = folder,
                    Records = Math.Max(20, ParseRecords(parsed.GetValue(records)!)),
                    ErrorRate = ParseErrorRate(parsed.GetValue(errorRate)!),
                    Seed = parsed.GetValue(seed),
                    Today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime),
                }, cancellation);
            }

            var options = new SampleOptions
            {
                Dataset = parsed.GetValue(dataset)!,
                Records = ParseRecords(parsed.GetValue(records)!),
                ErrorRate = ParseErrorRate(parsed.GetValue(errorRate)!),
                Encoding = ParseEncoding(parsed.GetValue(encoding)!),
                OutputPath = parsed.GetValue(output)!,
                Seed = parsed.GetValue(seed),
                Today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime),
            };
            return Execute(options, cancellation);
        }, CliText.SampleCancelled));
        return command;
    }

    private static int Execute(SampleOptions options, CancellationToken cancellation)
    {
        SampleSummary summary;
        try
        {
            summary = SampleGenerator.Write(options, progress: null, cancellation);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string path = FailedPath(options.OutputPath);
            throw new OutputException(Format(CliText.SampleOutputFailed, Path.GetFullPath(path), IoErrorText.Describe(ex, path)), ex);
        }

        Console.WriteLine(Format(CliText.SampleWritten, summary.Records, summary.FaultyRecords, Path.GetFullPath(options.OutputPath), Path.GetFullPath(summary.AnswerKeyPath)));
        return ExitCodes.Success;
    }

    private static int ExecuteBundle(BundleSampleOptions options, CancellationToken cancellation)
    {
        BundleSampleSummary summary;
        try
        {
            summary = BundleSampleGenerator.Write(options, cancellation);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(Format(CliText.SampleOutputFailed, Path.GetFullPath(options.Directory), IoErrorText.Describe(ex, options.Directory)), ex);
        }

        Console.WriteLine(Format(CliText.SampleBundleWritten, Path.GetFullPath(options.Directory), string.Join("、", summary.Files), summary.Faults, Path.GetFullPath(summary.AnswerKeyPath)));
        return ExitCodes.Success;
    }

    // The generator's exceptions name no path. A folder in place of the answer key is the only failure
    // attributed to the answer key, and every other one names the output file.
    private static string FailedPath(string outputPath)
    {
        string answerKeyPath = outputPath + ".answers.csv";
        return !Directory.Exists(outputPath) && Directory.Exists(answerKeyPath) ? answerKeyPath : outputPath;
    }

    private static long ParseRecords(string text)
    {
        if (!long.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) || count < 1 || count > MaxRecords)
        {
            throw new UsageException(Format(CliText.RecordsInvalid, text));
        }

        return count;
    }

    private static double ParseErrorRate(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate >= 0 && rate <= 1))
        {
            throw new UsageException(Format(CliText.ErrorRateInvalid, text));
        }

        return rate;
    }

    private static string ParseEncoding(string text)
    {
        string name = text.ToLowerInvariant();
        if (name is not ("utf-8" or "utf-8-bom" or "gb18030"))
        {
            throw new UsageException(Format(CliText.SampleEncodingInvalid, name));
        }

        return name;
    }

    // System.CommandLine 2.0.0's own message for a non-number is English.
    private static int ParseSeed(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        result.AddError(Format(CliText.SeedInvalid, text));
        return DefaultSeed;
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
