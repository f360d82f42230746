/**
 * The invitation e-mail: tells the new account holder where to sign in and who invited them.
 * It never carries the one-time password (that goes by another route, as the users page says).
 */
import type { InvitationView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { escapeHtml } from "../../reports/submission-html.js";
import type { Actor } from "../../policy/authorize.js";
import type { Mailer, Message } from "./mailer.js";
import { claimFailedDeliveries, deliveriesByIds, ensureMailConfigured, sendDeliveries } from "./deliveries.js";

export type { InvitationView };
type Invitee = { id: number; email: string; name: string };

export const signInLink = (publicUrl: string): string => `${publicUrl}/sign-in`;

function invitationMessage(invitee: Invitee, invitedBy: Actor | null, link: string): Message {
  const by = invitedBy ? `${invitedBy.name} (${invitedBy.email})` : "The agreement manager";
  const subject = "You are invited to Accord";
  const text = [
    `Dear ${invitee.name},`,
    "",
    `${by} has made you an account in Accord, where the partnership's Local Area Agreement is negotiated and its targets are agreed.`,
    "",
    `Sign in at: ${link}`,
    `Your e-mail address: ${invitee.email}`,
    "",
    "Your one-time password reaches you separately, not in this e-mail. Change it on your account page once you are signed in.",
    "If you did not expect this, you can ignore this message.",
    "",
  ].join("\n");
  const html = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font:15px/1.45 Arial,Helvetica,sans-serif;color:#1b1b1b;max-width:40rem">
<p>Dear ${escapeHtml(invitee.name)},</p>
<p>${escapeHtml(by)} has made you an account in Accord, where the partnership's Local Area Agreement is negotiated and its targets are agreed.</p>
<p><a href="${escapeHtml(link)}">Sign in to Accord</a> with your e-mail address, ${escapeHtml(invitee.email)}.</p>
<p>Your one-time password reaches you separately, not in this e-mail. Change it on your account page once you are signed in.</p>
<p style="color:#505050">If you did not expect this, you can ignore this message.</p>
</body>
</html>
`;
  return { to: invitee.email, subject, text, html };
}

/** After the account is committed: e-mails the invitation when SMTP is set up, and records how it went. */
export async function sendInvitation(options: { db: Db; mailer: Mailer | null; invitee: Invitee; invitedBy: Actor | null }): Promise<InvitationView> {
  const { db, mailer, invitee } = options;
  if (!mailer) return { link: null, delivery: null };
  const link = signInLink(mailer.settings.publicUrl);
  const reason = options.invitedBy ? `invited by ${options.invitedBy.name}` : "invited";
  const [row] = await db.insert(t.mailDeliveries).values({ kind: "invitation", userId: invitee.id, recipient: invitee.email, reason }).returning();
  if (!row) throw new Error("delivery not recorded");
  await sendDeliveries(db, mailer, [row], () => invitationMessage(invitee, options.invitedBy, link));
  const [delivery] = await deliveriesByIds(db, [row.id]);
  return { link, delivery: delivery ?? null };
}

/** Sends a failed invitation again (one resend at a time; see claimFailedDeliveries). */
export async function resendInvitation(options: { db: Db; mailer: Mailer | null; invitee: Invitee; invitedBy: Actor | null }): Promise<InvitationView> {
  const { db, invitee } = options;
  const mailer = ensureMailConfigured(options.mailer);
  const claimed = await claimFailedDeliveries(db, { invitationOf: invitee.id });
  const link = signInLink(mailer.settings.publicUrl);
  await sendDeliveries(db, mailer, claimed, () => invitationMessage(invitee, options.invitedBy, link));
  const views = await deliveriesByIds(db, claimed.map((row) => row.id));
  return { link, delivery: views.at(-1) ?? null };
}
