/**
 * The performance report as one printable HTML page: a cover, the summary of statuses, then theme
 * by theme each indicator with its chart (SVG drawn on the server, with its sentence and its
 * figures as a table), its plan and latest value, the officer's text update and its districts.
 * No scripts and a content security policy that allows none, as the submission page
 * (submission-html.ts); the PDF is this page printed by Chromium (performance-report-pdf.ts).
 */
import { renderChartSvg } from "./chart-svg.js";
import { escapeHtml } from "./submission-html.js";
import { reportStatuses, statusLabels } from "./performance-report.js";
import type { PerformanceReport, ReportIndicator, ReportTheme } from "./performance-report.js";
import { dayText } from "./dates.js";

export const reportChartSize = { width: 880, height: 340 } as const;

function lines(text: string): string {
  return text.split("\n").map(escapeHtml).join("<br>");
}

/** Status cells: the word and a border in the RAG colour (never the colour alone). */
const statusColours: Record<string, string> = {
  "target-met": "#1b7a3a",
  green: "#1b7a3a",
  amber: "#a85d00",
  red: "#b3261e",
  grey: "#5a5a5a",
};

const styles = `
  @page { size: A4 landscape; margin: 16mm 10mm 16mm 10mm; }
  * { box-sizing: border-box; }
  body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.35; color: #111; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 20pt; margin: 0 0 0.6rem; }
  h2 { font-size: 15pt; margin: 1.6rem 0 0.6rem; border-bottom: 2px solid #333; padding-bottom: 0.2rem; }
  h3 { font-size: 12.5pt; margin: 1.2rem 0 0.4rem; }
  h4 { font-size: 10.5pt; margin: 0.8rem 0 0.2rem; }
  .cover { margin: 0 0 1.5rem; }
  .cover p { margin: 0.25rem 0; }
  .illustrative { border: 2px solid #a85d00; padding: 0.5rem 0.75rem; font-weight: bold; margin: 0.75rem 0; }
  table { width: 100%; border-collapse: collapse; margin: 0.4rem 0 0.9rem; }
  caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
  th, td { border: 1px solid #666; padding: 3pt 5pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
  thead th { background: #e6e6e6; }
  tbody th { font-weight: normal; }
  table.facts th { width: 24%; background: #f3f3f3; }
  td.number { text-align: right; font-variant-numeric: tabular-nums; }
  .status { font-weight: bold; border-left: 6px solid; padding-left: 6pt; }
  .counts { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; list-style: none; }
  .counts li { border: 1px solid #666; border-left: 6px solid; padding: 0.3rem 0.6rem; }
  figure { margin: 0.4rem 0; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-size: 9.5pt; }
  .update p { margin: 0.1rem 0 0.3rem; }
  .none { color: #555; font-style: italic; }
  section.indicator { border-top: 1px solid #bbb; padding-top: 0.4rem; }
  .back { margin: 0 0 1rem; }
  .back a { color: #0b4f8a; }
  details summary { cursor: pointer; color: #0b4f8a; min-height: 24px; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
    .back, details { display: none; }
    h2 { break-before: page; break-after: avoid; }
    h3, h4 { break-after: avoid; }
    figure, table.facts, tr { break-inside: avoid; }
    .cover { break-after: page; }
  }
`;

function statusCell(status: string, text: string): string {
  return `<span class="status" style="border-color: ${statusColours[status] ?? "#5a5a5a"}">${escapeHtml(text)}</span>`;
}

function indicatorHeading(indicator: ReportIndicator): string {
  return `${indicator.code} ${indicator.title}${indicator.component ? ` (${indicator.component})` : ""}`;
}

function chartHtml(indicator: ReportIndicator): string {
  const chart = indicator.chart;
  if (!chart) return `<p class="none">No figures to chart yet.</p>`;
  const table =
    `<details><summary>The chart's figures as a table</summary><table><caption>${escapeHtml(chart.table.caption)}</caption>` +
    `<thead><tr>${chart.table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("")}</tr></thead>` +
    `<tbody>${chart.table.rows.map((row) => `<tr>${row.map((cell, index) => (index === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join("")}</tr>`).join("")}</tbody></table></details>`;
  return `<figure>${renderChartSvg(chart, reportChartSize)}<figcaption>${escapeHtml(chart.description)}</figcaption></figure>${table}`;
}

function factsHtml(indicator: ReportIndicator): string {
  const targets = indicator.targets.filter((one) => one.text !== "");
  const rows: [string, string][] = [
    ["Baseline", lines(indicator.baseline)],
    ["Targets", targets.length === 0 ? `<span class="none">No targets recorded</span>` : targets.map((one) => `${escapeHtml(one.year)}: ${lines(one.text)}`).join("<br>")],
    ["Latest value", escapeHtml(indicator.latest)],
    ["Planned at that date", escapeHtml(indicator.planned)],
    ["Status", statusCell(indicator.status, indicator.statusText)],
    ["Progress", escapeHtml(indicator.progressText)],
    ["Direction of travel", escapeHtml(indicator.directionText)],
    ["Lead partner", indicator.lead ? escapeHtml(indicator.lead) : `<span class="none">None named</span>`],
    ["Return", escapeHtml(indicator.returnText)],
  ];
  return `<table class="facts"><tbody>${rows.map(([name, value]) => `<tr><th scope="row">${name}</th><td>${value}</td></tr>`).join("")}</tbody></table>`;
}

function updateHtml(indicator: ReportIndicator): string {
  const { update } = indicator;
  if (!update) return `<h4>Text update</h4><p class="none">${escapeHtml(indicator.updateNote ?? "No text update.")}</p>`;
  const part = (title: string, text: string | null) => `<h4>${title}</h4>${text && text.trim() !== "" ? `<p>${lines(text)}</p>` : `<p class="none">None given.</p>`}`;
  return (
    `<div class="update">` +
    part("Progress", update.progress) +
    part("Issues and risks", update.issuesAndRisks) +
    part("Next actions", update.nextActions) +
    (update.submitted ? `<p class="none">${escapeHtml(update.submitted)}</p>` : "") +
    `</div>`
  );
}

function districtsHtml(indicator: ReportIndicator): string {
  const table = indicator.districts;
  if (!table) return `<p class="none">No district values for this period.</p>`;
  const order = table.better === "lower" ? "lowest first (lower is better)" : table.better === "higher" ? "highest first (higher is better)" : "highest first";
  return (
    `<table><caption>Districts, ${escapeHtml(table.period ?? "")}, ranked ${order}; county ${escapeHtml(table.county)}</caption>` +
    `<thead><tr><th scope="col">Rank</th><th scope="col">District</th><th scope="col">Value</th><th scope="col">${escapeHtml(table.comparison)}</th></tr></thead>` +
    `<tbody>${table.rows
      .map((row) => `<tr><td class="number">${escapeHtml(row.rank)}</td><th scope="row">${escapeHtml(row.name)}</th><td class="number">${escapeHtml(row.value)}</td><td class="number">${escapeHtml(row.comparison)}</td></tr>`)
      .join("")}</tbody></table>`
  );
}

function indicatorHtml(indicator: ReportIndicator): string {
  return (
    `<section class="indicator" id="${escapeHtml(indicator.key)}${indicator.component ? `-${escapeHtml(indicator.component.toLowerCase().replace(/[^a-z0-9]+/g, "-"))}` : ""}">` +
    `<h3>${escapeHtml(indicatorHeading(indicator))}</h3>` +
    chartHtml(indicator) +
    factsHtml(indicator) +
    updateHtml(indicator) +
    `<h4>Delivery plan</h4><p>${escapeHtml(indicator.deliveryPlan)}</p>` +
    `<h4>Districts</h4>` +
    districtsHtml(indicator) +
    `</section>`
  );
}

function themeHtml(theme: ReportTheme): string {
  return `<section class="theme"><h2>${escapeHtml(theme.title)}</h2>${theme.indicators.map(indicatorHtml).join("\n")}</section>`;
}

function summaryHtml(report: PerformanceReport): string {
  const counts = reportStatuses
    .map((status) => `<li style="border-left-color: ${statusColours[status]}">${escapeHtml(statusLabels[status])}: <strong>${report.counts[status]}</strong></li>`)
    .join("");
  const rows = report.summary
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.code)}${row.component ? ` (${escapeHtml(row.component)})` : ""}</th><td>${escapeHtml(row.title)}</td><td>${escapeHtml(row.theme)}</td>` +
        `<td>${escapeHtml(row.latest)}</td><td>${statusCell(row.status, statusLabels[row.status])}</td><td>${escapeHtml(row.returnText)}</td></tr>`,
    )
    .join("");
  return (
    `<section class="summary"><h2>Summary of statuses</h2>` +
    `<ul class="counts" aria-label="Indicators by status">${counts}</ul>` +
    `<table><caption>Every indicator at ${escapeHtml(report.round.period.label)}</caption>` +
    `<thead><tr><th scope="col">Indicator</th><th scope="col">Title</th><th scope="col">Theme</th><th scope="col">Latest value</th><th scope="col">Status</th><th scope="col">Return</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></section>`
  );
}

function roundStatusText(report: PerformanceReport): string {
  const { round } = report;
  if (round.status === "published") return `published ${round.publishedAt ? dayText(round.publishedAt) : ""}`.trim();
  if (round.status === "closed") return "closed, not yet published";
  return `open: returns due ${dayText(round.dueDate)}`;
}

export function illustrativeNotice(report: PerformanceReport): string {
  return `${report.illustrative ?? ""}. The values in this report were generated for the demonstration.`;
}

export function writePerformanceReportHtml(report: PerformanceReport): string {
  const { round } = report;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(report.title)}</title>
<style>${styles}</style>
</head>
<body>
<nav class="back" aria-label="Back to Accord"><a href="/agreements/${encodeURIComponent(report.agreement.slug)}/performance?round=${encodeURIComponent(round.key)}">Back to the performance of ${escapeHtml(report.agreement.name)}</a></nav>
<header class="cover">
<h1>${escapeHtml(report.title)}</h1>
<p>${escapeHtml(report.agreement.name)} (${escapeHtml(report.agreement.area)})</p>
<p>Monitoring round ${escapeHtml(round.period.label)} (${escapeHtml(dayText(round.period.start))} to ${escapeHtml(dayText(round.period.end))}), ${escapeHtml(roundStatusText(report))}.</p>
<p>Report made ${escapeHtml(report.dateText)}.</p>
${report.illustrative ? `<p class="illustrative">${escapeHtml(illustrativeNotice(report))}</p>` : ""}
</header>
<main>
${summaryHtml(report)}
${report.themes.map(themeHtml).join("\n")}
</main>
</body>
</html>
`;
}
