/** An issued bulletin as an e-mail: a plain-text part and an HTML part, each linking to the agreement. */
import { escapeHtml } from "../../reports/submission-html.js";
import type { Message } from "../mail/mailer.js";
import type { BulletinView } from "./service.js";

export interface BulletinLinks {
  bulletin: string;
  agreement: string;
}

export function bulletinLinks(publicUrl: string, slug: string, number: number): BulletinLinks {
  const agreement = `${publicUrl}/agreements/${encodeURIComponent(slug)}`;
  return { agreement, bulletin: `${agreement}/bulletins?number=${number}` };
}

export function bulletinMessage(options: { bulletin: BulletinView; agreementName: string; links: BulletinLinks; to: string; reason: string }): Message {
  const { bulletin, agreementName, links, reason } = options;
  const subject = `${agreementName} — bulletin ${bulletin.number}`;
  const why = `You receive this bulletin as ${reason} in ${agreementName}.`;
  const text = [bulletin.text.trimEnd(), "", `Read it in Accord: ${links.bulletin}`, `The agreement: ${links.agreement}`, "", why, ""].join("\n");
  const sections = bulletin.sections
    .map(
      (section) =>
        `<h2 style="font-size:17px;margin:20px 0 6px">${escapeHtml(section.title)}</h2><ul>${section.items
          .map((item) => `<li>${escapeHtml(item.text)} <span style="color:#505050">(${escapeHtml(item.actor.replace(/ <.*>$/, ""))}, ${escapeHtml(item.at.slice(0, 10))})</span></li>`)
          .join("")}</ul>`,
    )
    .join("\n");
  const deadline = bulletin.deadline
    ? `<p><strong>${escapeHtml(bulletin.deadline.name)}: ${escapeHtml(bulletin.deadline.date)}.</strong> Still open: ${bulletin.deadline.open}${
        bulletin.deadline.openIndicators.length ? ` (${escapeHtml(bulletin.deadline.openIndicators.join(", "))})` : ""
      }.</p>`
    : "";
  const html = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font:15px/1.45 Arial,Helvetica,sans-serif;color:#1b1b1b;max-width:48rem">
<h1 style="font-size:22px">${escapeHtml(subject)}${bulletin.issuedAt ? `, issued ${escapeHtml(bulletin.issuedAt.slice(0, 10))}` : ""}</h1>
${deadline}
${sections}
<p><a href="${escapeHtml(links.bulletin)}">Read bulletin ${bulletin.number} in Accord</a> · <a href="${escapeHtml(links.agreement)}">${escapeHtml(agreementName)}</a></p>
<p style="color:#505050">${escapeHtml(why)}</p>
</body>
</html>
`;
  return { to: options.to, subject, text, html };
}
