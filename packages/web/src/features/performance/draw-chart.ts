/**
 * ECharts, only the parts the monitoring charts use, drawn as SVG. This module is imported
 * lazily by Chart.tsx, so a page without a chart never downloads it.
 */
import { init, use, type ECharts } from "echarts/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsOption } from "echarts";

use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

export function drawChart(element: HTMLElement, options: EChartsOption): ECharts {
  const chart = init(element, null, { renderer: "svg" });
  // The page gives the chart its name and its sentence (figcaption, aria-describedby), so the
  // option's own aria label would only say it twice.
  chart.setOption({ ...options, aria: { enabled: false } });
  return chart;
}
