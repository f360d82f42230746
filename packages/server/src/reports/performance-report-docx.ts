/**
 * The performance report as a Word document: the cover, the summary of statuses, then theme by
 * theme (each on a new page) every indicator with its chart, its plan and latest value, the
 * officer's text update and its districts. A chart is embedded as SVG with a PNG copy for
 * programs that cannot show SVG (performance-report-png.ts), with its sentence as the picture's
 * description and under it; without Chromium the sentence and the figures stand alone.
 */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { renderChartSvg } from "./chart-svg.js";
import { illustrativeNotice, reportChartSize } from "./performance-report-html.js";
import { renderSvgsToPng } from "./performance-report-png.js";
import { reportStatuses, statusLabels } from "./performance-report.js";
import type { PerformanceReport, ReportIndicator } from "./performance-report.js";
import { dayText } from "./dates.js";
import { headingShade, landscapeTextWidth as textWidth, textParagraphs, writeLandscapeDocx } from "./docx-page.js";

const fontSize = 19; // half-points: 9.5 pt
const statusFill: Record<string, string> = { "target-met": "D6EFD9", green: "D6EFD9", amber: "FCE5C4", red: "F7D4D1", grey: "E6E6E6" };
/** The chart at 16 cm wide on the page (pixels at 96 to the inch). */
const imageSize = { width: 605, height: Math.round((605 * reportChartSize.height) / reportChartSize.width) };

function run(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun {
  return new TextRun({ text, size: fontSize, ...options });
}

function paragraphs(text: string, options: { bold?: boolean; italics?: boolean } = {}): Paragraph[] {
  return textParagraphs(text, fontSize, options);
}

function cell(text: string, options: { bold?: boolean; italics?: boolean; fill?: string; width?: number } = {}): TableCell {
  return new TableCell({
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: options.fill } } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    children: paragraphs(text, options),
  });
}

/** A table; a row's fill, when given, shades the cell in fillColumn (the status). */
function table(headings: string[] | null, rows: string[][], shares: number[], fills: (string | undefined)[] = [], fillColumn = 1): Table {
  const widths = shares.map((share) => Math.floor(share * textWidth));
  const heading = headings
    ? [new TableRow({ tableHeader: true, cantSplit: true, children: headings.map((text, index) => cell(text, { bold: true, fill: headingShade.fill, width: widths[index] ?? 0 })) })]
    : [];
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      ...heading,
      ...rows.map(
        (row, rowIndex) =>
          new TableRow({
            cantSplit: true,
            children: row.map((text, index) => {
              const fill = index === fillColumn ? fills[rowIndex] : undefined;
              return cell(text, { ...(headings === null && index === 0 ? { bold: true } : {}), ...(fill ? { fill } : {}), width: widths[index] ?? 0 });
            }),
          }),
      ),
    ],
  });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: level, keepNext: true, pageBreakBefore, spacing: { before: 200, after: 80 }, children: [new TextRun({ text, bold: true })] });
}

function chartParagraphs(indicator: ReportIndicator, svg: string | undefined, png: Buffer | undefined): Paragraph[] {
  const chart = indicator.chart;
  if (!chart) return paragraphs("No figures to chart yet.", { italics: true });
  const picture =
    svg !== undefined && png !== undefined
      ? [
          new Paragraph({
            keepNext: true,
            children: [
              new ImageRun({
                type: "svg",
                data: Buffer.from(svg, "utf8"),
                fallback: { type: "png", data: png },
                transformation: imageSize,
                altText: { title: chart.title, description: chart.description, name: `${indicator.code} chart` },
              }),
            ],
          }),
        ]
      : [];
  return [...picture, new Paragraph({ spacing: { after: 120 }, children: [run(chart.description, { italics: true })] })];
}

function factsTable(indicator: ReportIndicator): Table {
  const targets = indicator.targets.filter((one) => one.text !== "");
  const rows: string[][] = [
    ["Baseline", indicator.baseline],
    ["Targets", targets.length === 0 ? "No targets recorded" : targets.map((one) => `${one.year}: ${one.text.replaceAll("\n", "; ")}`).join("\n")],
    ["Latest value", indicator.latest],
    ["Planned at that date", indicator.planned],
    ["Status", indicator.statusText],
    ["Progress", indicator.progressText],
    ["Direction of travel", indicator.directionText],
    ["Lead partner", indicator.lead ?? "None named"],
    ["Return", indicator.returnText],
  ];
  const fills = rows.map((row) => (row[0] === "Status" ? statusFill[indicator.status] : undefined));
  return table(null, rows, [0.25, 0.75], fills);
}

function updateParagraphs(indicator: ReportIndicator): (Paragraph | Table)[] {
  const { update } = indicator;
  const title = heading("Text update", HeadingLevel.HEADING_3);
  if (!update) return [title, ...paragraphs(indicator.updateNote ?? "No text update.", { italics: true })];
  const part = (name: string, text: string | null) => [
    new Paragraph({ keepNext: true, spacing: { before: 80 }, children: [run(name, { bold: true })] }),
    ...(text && text.trim() !== "" ? paragraphs(text) : paragraphs("None given.", { italics: true })),
  ];
  return [
    title,
    ...part("Progress", update.progress),
    ...part("Issues and risks", update.issuesAndRisks),
    ...part("Next actions", update.nextActions),
    ...(update.submitted ? paragraphs(update.submitted, { italics: true }) : []),
  ];
}

function districtsParts(indicator: ReportIndicator): (Paragraph | Table)[] {
  const districts = indicator.districts;
  const title = heading("Districts", HeadingLevel.HEADING_3);
  if (!districts) return [title, ...paragraphs("No district values for this period.", { italics: true })];
  const order = districts.better === "lower" ? "lowest first (lower is better)" : districts.better === "higher" ? "highest first (higher is better)" : "highest first";
  return [
    title,
    new Paragraph({ keepNext: true, children: [run(`${districts.period ?? ""}, ranked ${order}; county ${districts.county}.`)] }),
    table(["Rank", "District", "Value", districts.comparison], districts.rows.map((row) => [row.rank, row.name, row.value, row.comparison]), [0.1, 0.4, 0.25, 0.25]),
  ];
}

function roundLine(report: PerformanceReport): string {
  const { round } = report;
  const state =
    round.status === "published"
      ? `published${round.publishedAt ? ` ${dayText(round.publishedAt)}` : ""}`
      : round.status === "closed"
        ? "closed, not yet published"
        : `open: returns due ${dayText(round.dueDate)}`;
  return `Monitoring round ${round.period.label} (${dayText(round.period.start)} to ${dayText(round.period.end)}), ${state}.`;
}

export async function writePerformanceReportDocx(report: PerformanceReport): Promise<Buffer> {
  const indicators = report.themes.flatMap((theme) => theme.indicators);
  const charted = indicators.filter((indicator) => indicator.chart !== null);
  const svgs = charted.map((indicator) => renderChartSvg(indicator.chart as NonNullable<ReportIndicator["chart"]>, reportChartSize));
  const pngs = await renderSvgsToPng(svgs, reportChartSize);
  const pictures = new Map(charted.map((indicator, index) => [indicator, { svg: svgs[index], png: pngs?.[index] }]));

  const cover: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: report.title, bold: true })] }),
    ...paragraphs(`${report.agreement.name} (${report.agreement.area})`),
    ...paragraphs(roundLine(report)),
    ...paragraphs(`Report made ${report.dateText}.`),
    ...(report.illustrative
      ? [
          new Paragraph({
            spacing: { before: 200, after: 200 },
            border: { top: { style: BorderStyle.SINGLE, size: 12, color: "A85D00" }, bottom: { style: BorderStyle.SINGLE, size: 12, color: "A85D00" } },
            children: [new TextRun({ text: illustrativeNotice(report), bold: true, size: 22 })],
          }),
        ]
      : []),
  ];
  const summary: (Paragraph | Table)[] = [
    heading("Summary of statuses", HeadingLevel.HEADING_1, true),
    new Paragraph({ spacing: { after: 120 }, children: [run(reportStatuses.map((status) => `${statusLabels[status]}: ${report.counts[status]}`).join("   "), { bold: true })] }),
    table(
      ["Indicator", "Title", "Theme", "Latest value", "Status", "Return"],
      report.summary.map((row) => [`${row.code}${row.component ? ` (${row.component})` : ""}`, row.title, row.theme, row.latest, statusLabels[row.status], row.returnText]),
      [0.1, 0.34, 0.18, 0.14, 0.1, 0.14],
      report.summary.map((row) => statusFill[row.status]),
      4,
    ),
  ];
  const body = report.themes.flatMap((theme) => [
    heading(theme.title, HeadingLevel.HEADING_1, true),
    ...theme.indicators.flatMap((indicator) => {
      const picture = pictures.get(indicator);
      return [
        heading(`${indicator.code} ${indicator.title}${indicator.component ? ` (${indicator.component})` : ""}`, HeadingLevel.HEADING_2),
        ...chartParagraphs(indicator, picture?.svg, picture?.png),
        factsTable(indicator),
        ...updateParagraphs(indicator),
        heading("Delivery plan", HeadingLevel.HEADING_3),
        ...paragraphs(indicator.deliveryPlan),
        ...districtsParts(indicator),
      ];
    }),
  ]);

  return writeLandscapeDocx({
    title: report.title,
    description: `Six-monthly performance report of ${report.agreement.name} for ${report.round.period.label}`,
    footerNote: report.illustrative,
    children: [...cover, ...summary, ...body],
  });
}
