namespace Jinbao.Quality.Reports;

/// <summary>
/// The style sheet of report.html, inlined so the page needs nothing but itself. The fonts are
/// ones installed with Chinese Windows, macOS, Linux desktops and WPS; none is downloaded.
/// </summary>
internal static class ReportHtmlStyle
{
    /// <summary>The CSS text.</summary>
    public const string Css = """
        :root {
          --ink: #1f2933; --muted: #5b6775; --line: #d6dce4; --paper: #ffffff; --canvas: #eef1f5;
          --accent: #1f4e79; --accent-soft: #e3ebf4; --title: #b3261e; --error: #b3261e; --warning: #a15c07;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--canvas); color: var(--ink); font-size: 14px; line-height: 1.65;
          font-family: "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "SimSun", sans-serif;
        }
        .report { max-width: 1120px; margin: 24px auto; padding: 40px 56px 32px; background: var(--paper);
          box-shadow: 0 1px 4px rgba(15, 23, 42, .08); }
        .masthead { text-align: center; padding-bottom: 14px; margin-bottom: 28px;
          border-bottom: 3px double var(--title); }
        .kicker { margin: 0; color: var(--muted); letter-spacing: .2em; font-size: 13px; }
        h1 { margin: 6px 0 4px; color: var(--title); font-size: 28px; letter-spacing: .25em; font-weight: 700; }
        .subtitle { margin: 0; font-size: 15px; }
        .meta { display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 28px; margin: 10px 0 0;
          color: var(--muted); font-size: 13px; }
        .meta div { display: flex; gap: 6px; }
        .meta dt { font-weight: 600; }
        .meta dd { margin: 0; }
        h2 { margin: 32px 0 12px; padding-left: 10px; border-left: 4px solid var(--accent); font-size: 18px;
          color: var(--accent); }
        .overview { display: grid; grid-template-columns: 220px 1fr; gap: 24px; align-items: stretch; }
        .score-card { display: flex; flex-direction: column; justify-content: center; align-items: center;
          padding: 18px; border: 1px solid var(--line); border-top: 4px solid var(--accent); background: var(--accent-soft); }
        .score { font-size: 56px; font-weight: 700; line-height: 1.1; color: var(--accent);
          font-variant-numeric: tabular-nums; }
        .score-label { font-weight: 600; }
        .score-scale { color: var(--muted); font-size: 12px; }
        .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 0; }
        .figures div { padding: 10px 14px; border: 1px solid var(--line); }
        .figures dt { color: var(--muted); font-size: 13px; }
        .figures dd { margin: 0; font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .figures .error dd { color: var(--error); }
        .figures .warning dd { color: var(--warning); }
        .chart { width: 100%; max-width: 760px; height: auto; display: block; }
        .chart text { font-family: inherit; font-size: 13px; fill: var(--ink); }
        .chart .axis { fill: var(--muted); font-size: 11px; }
        .chart .grid { stroke: var(--line); stroke-width: 1; }
        .chart .bar { fill: var(--accent); }
        .chart .unassessed { fill: none; stroke: #9aa5b1; stroke-dasharray: 4 3; }
        .chart .muted { fill: var(--muted); }
        .echart { width: 100%; min-height: 140px; margin: 4px 0 16px; }
        table { width: 100%; border-collapse: collapse; font-size: 13px; }
        caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 12px; padding-top: 6px; }
        th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { background: var(--accent-soft); border-bottom: 2px solid var(--accent); font-weight: 600;
          white-space: nowrap; }
        tbody tr:nth-child(even) { background: #f8fafc; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.code { font-family: Consolas, "Courier New", monospace; white-space: nowrap; }
        td.value { min-width: 11em; word-break: break-all; }
        td.nowrap { white-space: nowrap; }
        .severity-error { color: var(--error); font-weight: 600; white-space: nowrap; }
        .severity-warning { color: var(--warning); font-weight: 600; white-space: nowrap; }
        .status-unassessed { color: var(--muted); }
        .note { margin: 8px 0 12px; padding: 8px 12px; border-left: 4px solid var(--warning); background: #fff7e8; }
        .plain { color: var(--muted); }
        footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted);
          font-size: 12px; text-align: center; }
        @media (max-width: 760px) {
          .report { margin: 0; padding: 20px 16px; }
          .overview { grid-template-columns: 1fr; }
          .figures { grid-template-columns: repeat(2, 1fr); }
        }
        @page { size: A4; margin: 15mm 12mm; }
        @media print {
          body { background: var(--paper); font-size: 12px; }
          .report { max-width: none; margin: 0; padding: 0; box-shadow: none; }
          h2 { break-after: avoid; }
          thead { display: table-header-group; }
          tr, .figures div, .score-card, .chart, .echart { break-inside: avoid; }
          .score-card, thead th, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          /* ECharts sizes its canvas in pixels. The drawing script redraws it before printing, and a
             browser that prints without that event still scales it to the page width. */
          .echart { height: auto !important; }
          .echart > div:first-child { width: 100% !important; height: auto !important; }
          .echart canvas { position: static !important; width: 100% !important; height: auto !important; }
          .echart > div:not(:first-child) { display: none !important; }
        }
        """;
}
