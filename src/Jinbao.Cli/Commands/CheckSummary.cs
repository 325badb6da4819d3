using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;
using Spectre.Console;

namespace Jinbao.Cli.Commands;

/// <summary>Renders the scorecard of a check as Chinese console tables.</summary>
internal static class CheckSummary
{
    public static void Render(QualityReport report)
    {
        AnsiConsole.MarkupLine("[bold]" + Escape(Format(CliText.SummaryTitle, report.File, report.DatasetName)) + "[/]");
        var overview = new Table().Border(TableBorder.Rounded);
        overview.AddColumn(string.Empty).AddColumn(new TableColumn(string.Empty).RightAligned()).HideHeaders();
        overview.AddRow(CliText.SummaryRecords, report.Records.ToString("N0", CultureInfo.CurrentCulture));
        overview.AddRow(CliText.SummaryRecordsWithErrors, report.RecordsWithErrors.ToString("N0", CultureInfo.CurrentCulture));
        overview.AddRow(CliText.SummaryRecordsWithWarnings, report.RecordsWithWarningsOnly.ToString("N0", CultureInfo.CurrentCulture));
        overview.AddRow(CliText.SummaryFindings, report.FindingCount.ToString("N0", CultureInfo.CurrentCulture));
        overview.AddRow(CliText.SummaryScore, $"[bold]{report.Score:F2}[/]");
        overview.AddRow(CliText.SummaryEncoding, Escape(report.Encoding));
        overview.AddRow(CliText.SummaryDuration, Format(CliText.Seconds, report.Duration.TotalSeconds));
        if (report.Duration.TotalSeconds > 0)
        {
            overview.AddRow(CliText.SummarySpeed, Format(CliText.SpeedValue, report.Records / report.Duration.TotalSeconds));
        }

        AnsiConsole.Write(overview);

        var dimensions = new Table().Border(TableBorder.Rounded).Title(CliText.ByDimensionTitle);
        dimensions.AddColumn(CliText.ColumnDimension)
            .AddColumn(new TableColumn(CliText.ColumnScore).RightAligned())
            .AddColumn(new TableColumn(CliText.ColumnRecordsWithErrors).RightAligned())
            .AddColumn(new TableColumn(CliText.ColumnRecordsWithWarnings).RightAligned());
        foreach (var dimension in report.Dimensions)
        {
            dimensions.AddRow(
                QualityText.DimensionName(dimension.Dimension),
                dimension.Score is { } score ? score.ToString("F2", CultureInfo.CurrentCulture) : $"[grey]{CliText.NotAssessed}[/]",
                dimension.RecordsWithErrors.ToString("N0", CultureInfo.CurrentCulture),
                dimension.RecordsWithWarningsOnly.ToString("N0", CultureInfo.CurrentCulture));
        }

        AnsiConsole.Write(dimensions);

        var rules = new Table().Border(TableBorder.Rounded).Title(CliText.ByRuleTitle);
        rules.AddColumn(CliText.ColumnRule)
            .AddColumn(CliText.ColumnDescription)
            .AddColumn(CliText.ColumnDimension)
            .AddColumn(CliText.ColumnSeverity)
            .AddColumn(new TableColumn(CliText.ColumnCount).RightAligned());
        foreach (var rule in report.Rules.Where(r => r.Findings > 0).OrderByDescending(r => r.Findings))
        {
            string severity = rule.Severity == Severity.Error ? $"[red]{QualityText.SeverityName(rule.Severity)}[/]" : $"[yellow]{QualityText.SeverityName(rule.Severity)}[/]";
            rules.AddRow(Escape(rule.Rule), Escape(rule.Description), QualityText.DimensionName(rule.Dimension), severity, rule.Findings.ToString("N0", CultureInfo.CurrentCulture));
        }

        if (rules.Rows.Count > 0)
        {
            AnsiConsole.Write(rules);
        }

        if (report.IgnoredColumns.Count > 0)
        {
            AnsiConsole.MarkupLine("[yellow]" + Escape(Format(CliText.IgnoredColumns, report.DatasetName, string.Join("、", report.IgnoredColumns))) + "[/]");
        }
    }

    private static string Escape(string text) => Markup.Escape(text);

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
