using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality.Reports;
using Jinbao.Storage.Duplicates;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao duplicates</c>: lists persons enrolled in the same insurance in two regions at once
/// (重复参保) or paid the same benefit for the same period by two regions (重复领取). The console shows
/// counts and the first cases with ID numbers masked; <c>--output</c> writes every case, unmasked,
/// to a JSON or CSV file for the investigators.
/// </summary>
internal static class DuplicatesCommand
{
    private const int ConsoleCases = 10;

    public static Command Create()
    {
        var store = new StoreOptions();
        var output = new Option<string?>("--output", "-o") { Description = CliText.DuplicatesOutputOption };
        NonEmptyValue.Require(output, CliText.DuplicatesOutputEmpty);
        var verbose = new Option<bool>("--verbose") { Description = CliText.StoreVerboseOption };
        var command = new Command("duplicates", CliText.DuplicatesDescription) { output, verbose };
        store.AddTo(command);
        command.SetAction(parsed => CommandErrors.Run(cancellation =>
        {
            using var logging = CommandLogging.Create(parsed.GetValue(verbose));
            using var central = store.OpenExisting(parsed, logging.CreateLogger("Jinbao.Storage"));
            string? path = parsed.GetValue(output);
            var firstCases = new List<DuplicateCase>();
            long enrolments = 0;
            long payments = 0;
            using (var writer = path is null ? null : DuplicateFileWriter.Create(path))
            {
                foreach (var found in central.FindDuplicates(cancellation))
                {
                    _ = found.Kind == DuplicateKind.Enrolment ? enrolments++ : payments++;
                    if (firstCases.Count < ConsoleCases)
                    {
                        firstCases.Add(found);
                    }

                    writer?.Write(found);
                }

                writer?.Complete();
            }

            Render(enrolments, payments, firstCases, path);
            return ExitCodes.Success;
        }, CliText.DuplicatesCancelled));
        return command;
    }

    private static void Render(long enrolments, long payments, List<DuplicateCase> firstCases, string? path)
    {
        Console.WriteLine(Format(CliText.DuplicatesSummary, enrolments, payments));
        // Written plainly, one case per line: Spectre wraps tables at 80 columns when output is redirected.
        foreach (var found in firstCases)
        {
            string when = found.Kind == DuplicateKind.Enrolment
                ? Format(CliText.DuplicatesOverlap, found.OverlapStart, found.OverlapEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? CliText.DuplicatesOngoing)
                : found.Period!.Value.ToString(CultureInfo.InvariantCulture);
            string kind = found.Kind == DuplicateKind.Enrolment ? CliText.DuplicatesKindEnrolment : CliText.DuplicatesKindPayment;
            Console.WriteLine(Format(CliText.DuplicatesCase, kind, PersonalDataMask.Identity(found.PersonKey), found.TypeCode, found.FirstDivision, found.SecondDivision, when));
        }

        if (path is not null)
        {
            Console.WriteLine(Format(CliText.DuplicatesWritten, Path.GetFullPath(path)));
        }
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
