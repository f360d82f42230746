/** The addresses a manager adds to an agreement's bulletin beyond the people with a role; each change audited. */
import { and, asc, eq } from "drizzle-orm";
import type { DistributionListView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AppError } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import { getAgreement } from "../agreements/service.js";

async function managedAgreement(db: Db, actor: Actor | null, slug: string) {
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "update", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  return agreement.detail;
}

async function entries(db: Db, agreementId: number): Promise<DistributionListView> {
  const rows = await db.select().from(t.distributionList).where(eq(t.distributionList.agreementId, agreementId)).orderBy(asc(t.distributionList.email));
  return { entries: rows.map((row) => ({ email: row.email, name: row.name, addedAt: isoTimestamp(row.addedAt) })) };
}

export async function listDistribution(db: Db, actor: Actor | null, slug: string): Promise<DistributionListView> {
  const agreement = await managedAgreement(db, actor, slug);
  return entries(db, agreement.id);
}

export async function addToDistribution(options: { db: Db; actor: Actor | null; slug: string; email: string; name?: string | undefined }): Promise<DistributionListView> {
  const { db, actor } = options;
  const agreement = await managedAgreement(db, actor, options.slug);
  await db.transaction(async (tx) => {
    // ON CONFLICT rather than look-then-insert, so two managers adding one address get one row and a clear 409.
    const added = await tx
      .insert(t.distributionList)
      .values({ agreementId: agreement.id, email: options.email, name: options.name ?? null, addedBy: actor?.id ?? null })
      .onConflictDoNothing()
      .returning({ id: t.distributionList.id });
    if (added.length === 0) throw new AppError("CONFLICT", `${options.email} is already on the distribution list`, { field: "email" });
    await recordAudit(tx, { actor, action: "distributionList.add", entityType: "agreement", entityId: agreement.id, agreementId: agreement.id, before: null, after: { email: options.email, name: options.name ?? null } });
  });
  return entries(db, agreement.id);
}

export async function removeFromDistribution(options: { db: Db; actor: Actor | null; slug: string; email: string }): Promise<DistributionListView> {
  const { db, actor } = options;
  const agreement = await managedAgreement(db, actor, options.slug);
  await db.transaction(async (tx) => {
    const removed = await tx.delete(t.distributionList).where(and(eq(t.distributionList.agreementId, agreement.id), eq(t.distributionList.email, options.email))).returning();
    const [row] = removed;
    if (!row) throw new AppError("NOT_FOUND", `${options.email} is not on the distribution list`, { field: "email" });
    await recordAudit(tx, { actor, action: "distributionList.remove", entityType: "agreement", entityId: agreement.id, agreementId: agreement.id, before: { email: row.email, name: row.name }, after: null });
  });
  return entries(db, agreement.id);
}
