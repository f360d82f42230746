/**
 * Who receives an agreement's bulletin, and the record of every message: queued inside the
 * transaction that issues the bulletin, sent only after it commits, each marked accepted or
 * failed with the mail server's reason, and failed ones sent again on a manager's request.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Role } from "@accord/domain";
import type { DeliveryView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestampOrNull } from "../../db/timestamps.js";
import { AppError } from "../../errors.js";
import type { Tx } from "../audit/record.js";
import type { Mailer, Message } from "./mailer.js";

type Delivery = typeof t.mailDeliveries.$inferSelect;

const roleWords: Record<Role, string> = {
  manager: "agreement manager",
  officer: "indicator officer",
  partner: "partner",
  government: "Government Office negotiator",
  lsp: "LSP coordinator",
  viewer: "member",
};

export interface Recipient {
  email: string;
  userId: number | null;
  reason: string;
}

/** Everyone with a role in the agreement (or in every agreement), then the distribution list; each address once. */
export async function bulletinRecipients(db: Db | Tx, agreementId: number): Promise<Recipient[]> {
  const granted = await db
    .select({ email: t.users.email, userId: t.users.id, role: t.roleGrants.role })
    .from(t.roleGrants)
    .innerJoin(t.users, eq(t.users.id, t.roleGrants.userId))
    .where(and(or(eq(t.roleGrants.agreementId, agreementId), isNull(t.roleGrants.agreementId)), eq(t.users.disabled, false)))
    .orderBy(asc(t.users.email), asc(t.roleGrants.id));
  const byEmail = new Map<string, { userId: number | null; reasons: string[] }>();
  for (const row of granted) {
    const entry = byEmail.get(row.email) ?? { userId: row.userId, reasons: [] };
    const words = roleWords[row.role];
    if (!entry.reasons.includes(words)) entry.reasons.push(words);
    byEmail.set(row.email, entry);
  }
  const listed = await db.select({ email: t.distributionList.email }).from(t.distributionList).where(eq(t.distributionList.agreementId, agreementId)).orderBy(asc(t.distributionList.email));
  for (const row of listed) if (!byEmail.has(row.email)) byEmail.set(row.email, { userId: null, reasons: ["reader on the distribution list"] });
  return [...byEmail].map(([email, entry]) => ({ email, userId: entry.userId, reason: entry.reasons.join(" and ") }));
}

/** Called inside the issuing transaction: if it rolls back, so do these, and nothing is sent. */
export async function queueBulletinDeliveries(tx: Tx, options: { agreementId: number; bulletinId: number }): Promise<Delivery[]> {
  const recipients = await bulletinRecipients(tx, options.agreementId);
  if (recipients.length === 0) return [];
  return tx
    .insert(t.mailDeliveries)
    .values(recipients.map((recipient) => ({ kind: "bulletin" as const, agreementId: options.agreementId, bulletinId: options.bulletinId, userId: recipient.userId, recipient: recipient.email, reason: recipient.reason })))
    .returning();
}

/** At most this many messages are handed to the SMTP server at once. */
const parallelSends = 4;

/** Sends each claimed delivery (never inside a transaction) and records the server's answer. */
export async function sendDeliveries(db: Db, mailer: Mailer, deliveries: Delivery[], compose: (delivery: Delivery) => Message): Promise<void> {
  for (let start = 0; start < deliveries.length; start += parallelSends) {
    await Promise.all(
      deliveries.slice(start, start + parallelSends).map(async (delivery) => {
        const result = await mailer.send(compose(delivery));
        await db
          .update(t.mailDeliveries)
          .set({
            status: result.accepted ? "accepted" : "failed",
            failure: result.accepted ? null : result.reason,
            attempts: sql`${t.mailDeliveries.attempts} + 1`,
            finishedAt: sql`now()`,
          })
          .where(eq(t.mailDeliveries.id, delivery.id));
      }),
    );
  }
}

export function deliveryView(row: Delivery): DeliveryView {
  return { id: row.id, recipient: row.recipient, reason: row.reason, status: row.status, failure: row.failure, attempts: row.attempts, at: row.status === "sending" ? null : isoTimestampOrNull(row.finishedAt) };
}

export async function bulletinDeliveries(db: Db, bulletinId: number): Promise<DeliveryView[]> {
  const rows = await db.select().from(t.mailDeliveries).where(eq(t.mailDeliveries.bulletinId, bulletinId)).orderBy(asc(t.mailDeliveries.recipient), asc(t.mailDeliveries.id));
  return rows.map(deliveryView);
}

/** An attempt still "sending" after this long was cut short (the server stopped): it may be sent again. */
const abandonedAfterMinutes = 30;

/** Which deliveries a resend is about: one bulletin's, or the invitations of one account. */
export type DeliveryGroup = { bulletinId: number } | { invitationOf: number };

const inGroup = (group: DeliveryGroup) =>
  "bulletinId" in group ? eq(t.mailDeliveries.bulletinId, group.bulletinId) : and(eq(t.mailDeliveries.kind, "invitation"), eq(t.mailDeliveries.userId, group.invitationOf));

/**
 * Claims the failed deliveries of a group in one UPDATE: of two resends at once, PostgreSQL
 * lets the second see them already claimed, so no one receives the same message twice.
 */
export async function claimFailedDeliveries(db: Db, group: DeliveryGroup): Promise<Delivery[]> {
  const abandoned = and(eq(t.mailDeliveries.status, "sending"), lt(t.mailDeliveries.claimedAt, sql`now() - make_interval(mins => ${abandonedAfterMinutes})`));
  const claimed = await db
    .update(t.mailDeliveries)
    .set({ status: "sending", claimedAt: sql`now()`, failure: null, finishedAt: null })
    .where(and(inGroup(group), or(eq(t.mailDeliveries.status, "failed"), abandoned)))
    .returning();
  if (claimed.length > 0) return claimed;
  const what = "bulletinId" in group ? "this bulletin" : "the invitation";
  const [underWay] = await db.select({ id: t.mailDeliveries.id }).from(t.mailDeliveries).where(and(inGroup(group), eq(t.mailDeliveries.status, "sending"))).limit(1);
  if (underWay) throw new AppError("CONFLICT", `${what === "the invitation" ? "The invitation" : "This bulletin"} is being sent right now; wait for it to finish, then resend what failed.`);
  throw new AppError("CONFLICT", `No delivery of ${what} failed; there is nothing to resend.`);
}

export async function deliveriesByIds(db: Db, ids: number[]): Promise<DeliveryView[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(t.mailDeliveries).where(inArray(t.mailDeliveries.id, ids)).orderBy(asc(t.mailDeliveries.recipient));
  return rows.map(deliveryView);
}

export function ensureMailConfigured(mailer: Mailer | null): Mailer {
  if (!mailer) throw new AppError("CONFLICT", "E-mail is not set up on this server (ACCORD_SMTP_URL), so nothing can be sent: copy the bulletin or the invitation link and pass it on yourself.");
  return mailer;
}
