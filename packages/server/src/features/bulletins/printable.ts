/** A bulletin as a complete printable page (A4, no scripts), for partners who file paper copies. */
import { escapeHtml } from "../../reports/submission-html.js";
import { dayAndTimeText, dayText } from "../../reports/dates.js";
import type { BulletinView } from "./service.js";

export function bulletinHtml(bulletin: BulletinView, agreementName: string): string {
  const title = `${agreementName} — bulletin ${bulletin.number}${bulletin.issuedAt ? `, issued ${dayText(bulletin.issuedAt)}` : " (draft)"}`;
  const sections = bulletin.sections
    .map(
      (section) =>
        `<section><h2>${escapeHtml(section.title)}</h2><ul>${section.items
          .map((item) => `<li>${escapeHtml(item.text)} <span class="by">(${escapeHtml(item.actor.replace(/ <.*>$/, ""))}, ${escapeHtml(dayText(item.at))})</span></li>`)
          .join("")}</ul></section>`,
    )
    .join("\n");
  const deadline = bulletin.deadline
    ? `<p class="deadline"><strong>${escapeHtml(bulletin.deadline.name)}: ${escapeHtml(dayText(bulletin.deadline.date))}.</strong> Still open: ${bulletin.deadline.open}${bulletin.deadline.openIndicators.length ? ` (${escapeHtml(bulletin.deadline.openIndicators.join(", "))})` : ""}.</p>`
    : "";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 18mm; }
  body { font: 11pt/1.45 Arial, Helvetica, sans-serif; color: #1b1b1b; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; border-bottom: 1px solid #555; }
  .by { color: #505050; } .deadline { border: 2px solid #1b1b1b; padding: .5rem .75rem; }
  @media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${bulletin.since ? `Changes since ${escapeHtml(dayAndTimeText(bulletin.since))}` : "All changes so far"}</p>
${deadline}
${sections || "<p>Nothing has changed since the last bulletin.</p>"}
</main>
</body>
</html>
`;
}
