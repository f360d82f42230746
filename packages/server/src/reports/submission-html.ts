/**
 * The submission template as a complete, printable HTML page: one table per theme with the
 * seed's column headings, repeated at the top of every printed page. No scripts, and a content
 * security policy that allows none, so the file is safe to open from a download folder. The PDF
 * is this page printed by Chromium (submission-pdf.ts).
 */
import type { Submission, SubmissionGroup, SubmissionRow } from "./submission.js";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

/** Text with its line breaks kept. */
function lines(text: string): string {
  return text.split("\n").map(escapeHtml).join("<br>");
}

const styles = `
  @page { size: A4 landscape; margin: 16mm 10mm 16mm 10mm; }
  * { box-sizing: border-box; }
  body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10pt; line-height: 1.3; color: #111; margin: 1.5rem; }
  h1 { font-size: 15pt; margin: 0 0 0.4rem; }
  .intro { margin: 0 0 1rem; max-width: 60rem; }
  .intro p { margin: 0.2rem 0; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 1.2rem; }
  caption { text-align: left; font-weight: bold; font-size: 12pt; text-transform: uppercase; padding: 0.5rem 0 0.3rem; caption-side: top; }
  caption .description { display: block; font-weight: normal; font-size: 9pt; text-transform: none; }
  th, td { border: 1px solid #555; padding: 3pt 4pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
  thead th { background: #e6e6e6; font-size: 8.5pt; }
  thead th.year { text-align: center; }
  tbody th { font-weight: normal; }
  .code { font-weight: bold; }
  .note { margin: 0.2rem 0 0; font-style: italic; }
  .omitted { color: #444; }
  .omit-note { font-weight: bold; font-style: normal; text-transform: uppercase; font-size: 8.5pt; }
  .partners p { margin: 0 0 0.2rem; }
  .partners .role { font-weight: bold; }
  td.status { background: #f6f6f6; }
  td.status .label { font-weight: bold; }
  .empty { color: #666; }
  .back { margin: 0 0 1rem; }
  .back a { color: #0b4f8a; }
  col.indicator { width: 22%; } col.baseline { width: 14%; } col.year { width: 10%; } col.partners { width: 34%; }
  @media print {
    body { margin: 0; font-size: 8.5pt; }
    h1 { font-size: 13pt; }
    caption { font-size: 10pt; }
    /* The column headings at the top of every page, as the printed template repeats them. */
    thead { display: table-header-group; }
    /* An indicator's two rows stay on one page. */
    tbody.indicator { break-inside: avoid; page-break-inside: avoid; }
    caption { break-after: avoid; }
    td.status { background: none; }
    /* On paper and in the PDF the way back into the app means nothing. */
    .back { display: none; }
  }
`;

function partnersCell(row: SubmissionRow): string {
  if (row.partners.length === 0) return `<span class="empty">None signed up</span>`;
  return row.partners
    .map((group) => `<p><span class="role">${escapeHtml(group.label)}:</span> ${group.names.map(escapeHtml).join(", ")}</p>`)
    .join("");
}

function indicatorCell(row: SubmissionRow): string {
  const notes = row.indicatorNotes
    .map((note) => `<br><span class="${note.startsWith("Proposed to omit") ? "omit-note" : "note"}">${escapeHtml(note)}</span>`)
    .join("");
  // "NI 47" in bold, then " * People killed or seriously injured …" as the indicator line has it.
  return `<span class="code">${escapeHtml(row.code)}</span>${escapeHtml(row.indicator.slice(row.code.length))}${notes}`;
}

function rowHtml(row: SubmissionRow, submission: Submission): string {
  const yearCount = submission.years.length;
  const hasTargets = row.targets.some((cell) => cell !== "");
  const targetCells = hasTargets
    ? row.targets.map((cell) => `<td>${lines(cell)}</td>`).join("")
    : `<td colspan="${yearCount}">${row.targetNote ? lines(row.targetNote) : ""}</td>`;
  const noteUnderTargets = hasTargets && row.targetNote ? `<p class="note">${lines(row.targetNote)}</p>` : "";
  return (
    `<tbody class="indicator${row.omitted ? " omitted" : ""}" id="${escapeHtml(row.key)}">` +
    `<tr><th scope="row" rowspan="2">${indicatorCell(row)}</th>` +
    `<td rowspan="2">${row.baselineLines.map(escapeHtml).join("<br>")}</td>` +
    targetCells +
    `<td rowspan="2" class="partners">${partnersCell(row)}</td></tr>` +
    `<tr><td colspan="${yearCount}" class="status">${noteUnderTargets}<span class="label">${escapeHtml(submission.columns.status)}:</span> ${escapeHtml(row.statusText)}</td></tr>` +
    `</tbody>`
  );
}

function tableHtml(group: SubmissionGroup, submission: Submission): string {
  const { columns } = submission;
  const yearCount = columns.years.length;
  const description = group.description ? `<span class="description">${escapeHtml(group.description)}</span>` : "";
  return (
    `<table>` +
    `<caption>${escapeHtml(group.title)}${description}</caption>` +
    `<colgroup><col class="indicator"><col class="baseline"><col span="${yearCount}" class="year"><col class="partners"></colgroup>` +
    `<thead><tr>` +
    `<th scope="col" rowspan="2">${escapeHtml(columns.indicator)}</th>` +
    `<th scope="col" rowspan="2">${escapeHtml(columns.baseline)}</th>` +
    `<th scope="colgroup" colspan="${yearCount}">${escapeHtml(columns.targets)}</th>` +
    `<th scope="col" rowspan="2">${escapeHtml(columns.partners)}</th>` +
    `</tr><tr>${columns.years.map((year) => `<th scope="col" class="year">${escapeHtml(year)}</th>`).join("")}</tr></thead>` +
    (group.rows.length > 0 ? group.rows.map((row) => rowHtml(row, submission)).join("") : `<tbody><tr><td colspan="${yearCount + 3}" class="empty">No indicators.</td></tr></tbody>`) +
    `</table>`
  );
}

export function writeSubmissionHtml(submission: Submission): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(submission.title)}</title>
<style>${styles}</style>
</head>
<body>
<nav class="back" aria-label="Back to Accord"><a href="/agreements/${encodeURIComponent(submission.agreement.slug)}/submission">Back to the submission page of ${escapeHtml(submission.agreement.name)}</a></nav>
<header class="intro">
<h1>${escapeHtml(submission.title)}</h1>
<p>${escapeHtml(submission.agreement.name)} (${escapeHtml(submission.agreement.area)}), financial years ${escapeHtml(submission.years.join(", "))}.</p>
<p>Indicators from the National Indicator Set are shown with a *; lead partners are shown with a *. The negotiation status of each indicator is as at ${escapeHtml(submission.asAtText)}; baselines, targets and partners are as currently recorded.</p>
</header>
<main>
${submission.groups.map((group) => tableHtml(group, submission)).join("\n")}
</main>
</body>
</html>
`;
}
