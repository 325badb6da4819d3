namespace Jinbao.Quality.Reports;

/// <summary>
/// The scripts that report pages inline: the Apache ECharts library, embedded in the assembly at
/// build time, and the script that draws the charts described by the page's chart data.
/// </summary>
internal static class ReportHtmlChartScript
{
    /// <summary>The manifest name of the embedded ECharts bundle (the "common" build of echarts 6).</summary>
    public const string LibraryResourceName = "Jinbao.Quality.Reports.echarts.min.js";

    private static readonly Lazy<string> LibraryText = new(LoadLibrary);

    /// <summary>The ECharts library text (715 KB for echarts 6.1.0), read from the assembly once per process.</summary>
    public static string Library => LibraryText.Value;

    /// <summary>
    /// The drawing script. It reads the JSON of #jinbao-chart-data, shows each container and draws
    /// its chart without animation, so a printout or screenshot shows the final state. When a chart
    /// has rendered, its container gets data-rendered="true". Tooltip lines are HTML-encoded
    /// because ECharts shows tooltips as HTML.
    /// </summary>
    public const string Drawing = """
        (function () {
          'use strict';
          if (typeof echarts === 'undefined') { return; }
          var specs = JSON.parse(document.getElementById('jinbao-chart-data').textContent);
          var font = getComputedStyle(document.body).fontFamily;
          var charts = [];

          function tooltip(spec) {
            return {
              trigger: 'axis',
              axisPointer: { type: spec.kind === 'line' ? 'line' : 'shadow' },
              formatter: function (params) {
                var index = params[0].dataIndex;
                return spec.details[index].map(echarts.format.encodeHTML).join('<br>');
              }
            };
          }

          function barOption(spec) {
            return {
              animation: false,
              textStyle: { fontFamily: font },
              grid: { left: 8, right: 64, top: 8, bottom: 28, containLabel: true },
              tooltip: tooltip(spec),
              xAxis: { type: 'value', name: spec.axisName, nameLocation: 'middle', nameGap: 22, max: spec.max, minInterval: 1 },
              yAxis: {
                type: 'category', inverse: true, data: spec.labels,
                axisLabel: { width: 200, overflow: 'truncate' }
              },
              series: [{
                type: 'bar', barMaxWidth: 18,
                data: spec.values.map(function (value, i) { return { value: value, itemStyle: { color: spec.colors[i] } }; }),
                label: { show: true, position: 'right', formatter: function (p) { return spec.valueLabels[p.dataIndex]; } }
              }]
            };
          }

          function lineOption(spec) {
            return {
              animation: false,
              textStyle: { fontFamily: font },
              grid: { left: 8, right: 32, top: 44, bottom: 8, containLabel: true },
              tooltip: tooltip(spec),
              xAxis: { type: 'category', data: spec.labels, boundaryGap: spec.labels.length < 2 },
              yAxis: {
                type: 'value', name: spec.axisName, max: spec.max,
                min: function (extent) { return Math.max(0, Math.floor(extent.min / 10) * 10 - 10); }
              },
              series: [{
                type: 'line', data: spec.values, symbolSize: 8, itemStyle: { color: spec.colors[0] },
                label: { show: spec.values.length <= 20, position: 'top', formatter: function (p) { return spec.valueLabels[p.dataIndex]; } }
              }]
            };
          }

          specs.forEach(function (spec) {
            var element = document.getElementById(spec.id);
            if (!element) { return; }
            element.hidden = false;
            element.style.height = spec.height + 'px';
            var chart = echarts.init(element, null, { renderer: 'canvas', locale: 'ZH' });
            chart.on('finished', function () { element.setAttribute('data-rendered', 'true'); });
            chart.setOption(spec.kind === 'line' ? lineOption(spec) : barOption(spec));
            charts.push(chart);
          });

          function resizeAll() { charts.forEach(function (chart) { chart.resize(); }); }
          window.addEventListener('resize', resizeAll);
          window.addEventListener('beforeprint', resizeAll);
          window.addEventListener('afterprint', resizeAll);
        })();
        """;

    private static string LoadLibrary()
    {
        using var stream = typeof(ReportHtmlChartScript).Assembly.GetManifestResourceStream(LibraryResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks the embedded resource {LibraryResourceName}; the build restores it with npm.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        string text = reader.ReadToEnd();

        // The library is written inside a <script> element, which the first "</script" would close.
        if (text.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The embedded {LibraryResourceName} contains \"</script\" and cannot be inlined.");
        }

        return text;
    }
}
