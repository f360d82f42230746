/**
 * A monitoring chart as SVG for documents (the performance report's DOCX, PDF and printable
 * HTML): the very options the browser draws (domain charts.ts), rendered by ECharts' own
 * server-side SVG renderer, so a chart in a report and on the indicator page cannot differ.
 *
 * ECharts is about a megabyte of code that only reports need, so it is loaded on the first chart
 * drawn, not when the server starts; require keeps renderChartSvg synchronous for its callers.
 */
import { createRequire } from "node:module";
import type { ChartSpec } from "@accord/domain";

type ECharts = typeof import("echarts");

let echarts: ECharts | undefined;

function loadECharts(): ECharts {
  echarts ??= createRequire(import.meta.url)("echarts") as ECharts;
  return echarts;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * The chart as a standalone SVG document. It carries the chart's title and text alternative as
 * its <title> and <desc> (role img), so a screen reader in the PDF or HTML reads the sentence.
 */
export function renderChartSvg(spec: ChartSpec, size: ChartSize): string {
  const chart = loadECharts().init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(spec.options);
    const svg = chart.renderToSVGString();
    const accessible = `<title>${escapeXml(spec.title)}</title><desc>${escapeXml(spec.description)}</desc>`;
    return svg.replace(/^<svg\b([^>]*)>/, (_open, attributes: string) => `<svg${attributes} role="img">${accessible}`);
  } finally {
    chart.dispose();
  }
}
