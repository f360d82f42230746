/**
 * The submission template as a Word document, laid out like the seed's appendix: landscape A4,
 * a table per theme whose two heading rows repeat at the top of every page, an indicator's two
 * rows kept together (its targets, then its negotiation status under them), lead partners
 * starred.
 */
import {
  AlignmentType,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { headingShade, landscapeTextWidth as textWidth, textParagraphs as paragraphsAt, writeLandscapeDocx } from "./docx-page.js";
import type { Submission, SubmissionGroup, SubmissionRow } from "./submission.js";

const fontSize = 17; // half-points: 8.5 pt

/** Indicator, baseline, the years, partners: shares of the text width. */
function columnWidths(yearCount: number): number[] {
  const indicator = 0.22;
  const baseline = 0.14;
  const partners = 0.34;
  const year = (1 - indicator - baseline - partners) / yearCount;
  return [indicator, baseline, ...Array.from({ length: yearCount }, () => year), partners].map((share) => Math.floor(share * textWidth));
}

function textParagraphs(text: string, options: { bold?: boolean; italics?: boolean } = {}): Paragraph[] {
  return paragraphsAt(text, fontSize, options);
}

function headingCell(text: string, span: { rowSpan?: number; columnSpan?: number }, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT): TableCell {
  return new TableCell({
    ...span,
    shading: headingShade,
    children: [new Paragraph({ alignment: align, children: [new TextRun({ text, bold: true, size: fontSize })] })],
  });
}

function headingRows(submission: Submission): TableRow[] {
  const { columns } = submission;
  return [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [
        headingCell(columns.indicator, { rowSpan: 2 }),
        headingCell(columns.baseline, { rowSpan: 2 }),
        headingCell(columns.targets, { columnSpan: columns.years.length }, AlignmentType.CENTER),
        headingCell(columns.partners, { rowSpan: 2 }),
      ],
    }),
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: columns.years.map((year) => headingCell(year, {}, AlignmentType.CENTER)),
    }),
  ];
}

function indicatorCell(row: SubmissionRow): TableCell {
  return new TableCell({
    rowSpan: 2,
    children: [
      new Paragraph({
        children: [new TextRun({ text: row.code, bold: true, size: fontSize }), new TextRun({ text: row.indicator.slice(row.code.length), size: fontSize })],
      }),
      ...row.indicatorNotes.map(
        (note) => new Paragraph({ children: [new TextRun({ text: note, size: fontSize, ...(note.startsWith("Proposed to omit") ? { bold: true, allCaps: true } : { italics: true }) })] }),
      ),
    ],
  });
}

function partnersCell(row: SubmissionRow): TableCell {
  const paragraphs =
    row.partners.length === 0
      ? textParagraphs("None signed up", { italics: true })
      : row.partners.map(
          (group) =>
            new Paragraph({
              children: [new TextRun({ text: `${group.label}: `, bold: true, size: fontSize }), new TextRun({ text: group.names.join(", "), size: fontSize })],
            }),
        );
  return new TableCell({ rowSpan: 2, children: paragraphs });
}

function indicatorRows(row: SubmissionRow, submission: Submission): TableRow[] {
  const yearCount = submission.years.length;
  const hasTargets = row.targets.some((cell) => cell !== "");
  const targetCells = hasTargets
    ? row.targets.map((cell) => new TableCell({ children: textParagraphs(cell) }))
    : [new TableCell({ columnSpan: yearCount, children: textParagraphs(row.targetNote ?? "") })];
  const statusParagraphs = [
    ...(hasTargets && row.targetNote ? textParagraphs(row.targetNote, { italics: true }) : []),
    new Paragraph({
      children: [new TextRun({ text: `${submission.columns.status}: `, bold: true, size: fontSize }), new TextRun({ text: row.statusText, size: fontSize })],
    }),
  ];
  return [
    // keepNext keeps an indicator's targets and status on one page; cantSplit keeps each row whole.
    new TableRow({
      cantSplit: true,
      keepNext: true,
      children: [indicatorCell(row), new TableCell({ rowSpan: 2, children: textParagraphs(row.baselineLines.join("\n")) }), ...targetCells, partnersCell(row)],
    }),
    new TableRow({ cantSplit: true, children: [new TableCell({ columnSpan: yearCount, children: statusParagraphs })] }),
  ];
}

function themeTable(group: SubmissionGroup, submission: Submission): (Paragraph | Table)[] {
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_2,
    keepNext: true,
    spacing: { before: 240, after: 80 },
    children: [new TextRun({ text: group.title, bold: true, allCaps: true })],
  });
  const description = group.description ? [new Paragraph({ keepNext: true, children: [new TextRun({ text: group.description, size: fontSize })] })] : [];
  const bodyRows =
    group.rows.length > 0
      ? group.rows.flatMap((row) => indicatorRows(row, submission))
      : [new TableRow({ children: [new TableCell({ columnSpan: submission.years.length + 3, children: textParagraphs("No indicators.", { italics: true }) })] })];
  const table = new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: columnWidths(submission.years.length),
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [...headingRows(submission), ...bodyRows],
  });
  return [heading, ...description, table];
}

export function writeSubmissionDocx(submission: Submission): Promise<Buffer> {
  return writeLandscapeDocx({
    title: submission.title,
    description: `Submission template of ${submission.agreement.name}, negotiation status as at ${submission.asAtText}`,
    children: [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: submission.title, bold: true })] }),
      new Paragraph({
        spacing: { after: 120 },
        children: [
          new TextRun({
            text:
              `Indicators from the National Indicator Set are shown with a *; lead partners are shown with a *. ` +
              `The negotiation status of each indicator is as at ${submission.asAtText}; baselines, targets and partners are as currently recorded.`,
            size: fontSize,
          }),
        ],
      }),
      ...submission.groups.flatMap((group) => themeTable(group, submission)),
    ],
  });
}
