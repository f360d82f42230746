/** Changing an agreement itself (managers): name, status, published; and its history. */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { AgreementStatus } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import { StaleVersionError } from "../indicators/service.js";
import { agreementScope } from "../indicators/scope.js";

export const UpdateAgreementBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
    status: AgreementStatus.optional(),
    published: z.boolean().optional(),
    version: z.number({ error: "must be the version number you read" }).int().positive(),
  })
  .strict();

export async function updateAgreement(options: { db: Db; actor: Actor | null; slug: string; body: z.infer<typeof UpdateAgreementBody> }) {
  const { db, actor, slug, body } = options;
  const scope = await agreementScope(db, slug);
  ensureAllowed(actor, "update", { type: "agreement", ...scope });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(t.agreements).where(eq(t.agreements.id, scope.agreementId));
    if (!before) throw new Error("agreement vanished");
    const present = (row: typeof before) => ({ name: row.name, status: row.status, published: row.published, version: row.version });
    if (before.version !== body.version) throw new StaleVersionError("The agreement", present(before));
    const [after] = await tx
      .update(t.agreements)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.published !== undefined ? { published: body.published } : {}),
        version: before.version + 1,
      })
      .where(and(eq(t.agreements.id, scope.agreementId), eq(t.agreements.version, body.version)))
      .returning();
    if (!after) throw new StaleVersionError("The agreement", present(before));
    await recordAudit(tx, { actor, action: "agreement.update", entityType: "agreement", entityId: scope.agreementId, agreementId: scope.agreementId, before: present(before), after: present(after) });
    return present(after);
  });
}
