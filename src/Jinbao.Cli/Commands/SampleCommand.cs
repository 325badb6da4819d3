using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality.Samples;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao sample</c>: writes a synthetic extract with planted faults and its answer key.</summary>
internal static class SampleCommand
{
    private const long MaxRecords = 100_000_000;

    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = CliText.DatasetOption, DefaultValueFactory = _ => "person" };
        dataset.AcceptOnlyFromAmong("person", "employer");
        var records = new Option<string>("--records", "-n") { Description = CliText.RecordsOption, DefaultValueFactory = _ => "10000" };
        var errorRate = new Option<string>("--error-rate") { Description = CliText.ErrorRateOption, DefaultValueFactory = _ => "0.02" };
        var encoding = new Option<string>("--encoding") { Description = CliText.SampleEncodingOption, DefaultValueFactory = _ => "utf-8" };
        var output = new Option<string>("--output", "-o") { Description = CliText.SampleOutputOption, Required = true };
        var seed = new Option<int>("--seed") { Description = CliText.SeedOption, DefaultValueFactory = _ => 20261204 };

        var command = new Command("sample", CliText.SampleDescription) { dataset, records, errorRate, encoding, output, seed };
        command.SetAction(parsed => CommandErrors.Run(_ =>
        {
            string recordsText = parsed.GetValue(records)!;
            if (!long.TryParse(recordsText.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) || count < 1 || count > MaxRecords)
            {
                throw new UsageException(Format(CliText.RecordsInvalid, recordsText));
            }

            string rateText = parsed.GetValue(errorRate)!;
            if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate >= 0 && rate <= 1))
            {
                throw new UsageException(Format(CliText.ErrorRateInvalid, rateText));
            }

            string encodingName = parsed.GetValue(encoding)!.ToLowerInvariant();
            if (encodingName is not ("utf-8" or "utf-8-bom" or "gb18030"))
            {
                throw new UsageException(Format(CliText.SampleEncodingInvalid, encodingName));
            }

            var options = new SampleOptions
            {
                Dataset = parsed.GetValue(dataset)!,
                Records = count,
                ErrorRate = rate,
                Encoding = encodingName,
                OutputPath = parsed.GetValue(output)!,
                Seed = parsed.GetValue(seed),
                Today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime),
            };
            var summary = SampleGenerator.Write(options);
            Console.WriteLine(Format(CliText.SampleWritten, summary.Records, summary.FaultyRecords, Path.GetFullPath(options.OutputPath), summary.AnswerKeyPath));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
