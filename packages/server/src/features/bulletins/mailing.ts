/** Bulletins by e-mail: sending an issued one, what went where, and resending what failed. */
import { and, eq } from "drizzle-orm";
import type { DeliveryListView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { notFound } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { getAgreement } from "../agreements/service.js";
import type { Mailer } from "../mail/mailer.js";
import { bulletinDeliveries, claimFailedDeliveries, deliveriesByIds, ensureMailConfigured, sendDeliveries } from "../mail/deliveries.js";
import type { DeliveryView } from "@accord/domain";
import { bulletinLinks, bulletinMessage } from "./email.js";
import { BulletinView } from "./service.js";

type Delivery = typeof t.mailDeliveries.$inferSelect;

export async function mailBulletin(options: { db: Db; mailer: Mailer; bulletin: BulletinView; agreementName: string; deliveries: Delivery[] }): Promise<void> {
  const { bulletin, agreementName, mailer } = options;
  const links = bulletinLinks(mailer.settings.publicUrl, bulletin.agreement, bulletin.number);
  await sendDeliveries(options.db, mailer, options.deliveries, (delivery) => bulletinMessage({ bulletin, agreementName, links, to: delivery.recipient, reason: delivery.reason }));
}

/** A manager's view of an issued bulletin's deliveries (the addresses are theirs to see, not every reader's). */
async function issuedBulletin(db: Db, actor: Actor | null, slug: string, number: number) {
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "update", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  const [row] = await db.select().from(t.bulletins).where(and(eq(t.bulletins.agreementId, agreement.detail.id), eq(t.bulletins.number, number)));
  if (!row) throw notFound(`Bulletin ${number} of ${agreement.detail.shortName}`, "number");
  return { agreement, row };
}

export async function listBulletinDeliveries(options: { db: Db; mailer: Mailer | null; actor: Actor | null; slug: string; number: number }): Promise<DeliveryListView> {
  const { row } = await issuedBulletin(options.db, options.actor, options.slug, options.number);
  return { mailConfigured: options.mailer !== null, deliveries: await bulletinDeliveries(options.db, row.id) };
}

export async function resendFailedBulletin(options: { db: Db; mailer: Mailer | null; actor: Actor | null; slug: string; number: number }): Promise<{ resent: number; deliveries: DeliveryView[] }> {
  const { db } = options;
  const { agreement, row } = await issuedBulletin(db, options.actor, options.slug, options.number);
  const mailer = ensureMailConfigured(options.mailer);
  const bulletin = BulletinView.parse(row.content);
  const claimed = await claimFailedDeliveries(db, { bulletinId: row.id });
  await mailBulletin({ db, mailer, bulletin, agreementName: agreement.detail.name, deliveries: claimed });
  return { resent: claimed.length, deliveries: await deliveriesByIds(db, claimed.map((delivery) => delivery.id)) };
}
