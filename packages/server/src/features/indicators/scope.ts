/** Finds the agreement or agreement indicator a request names, with what the policy needs. */
import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError, notFound } from "../../errors.js";

export async function agreementScope(db: Db, slug: string) {
  const [agreement] = await db
    .select({ agreementId: t.agreements.id, published: t.agreements.published, firstYear: t.agreements.firstYear, lastYear: t.agreements.lastYear, version: t.agreements.version })
    .from(t.agreements)
    .where(eq(t.agreements.slug, slug));
  if (!agreement) throw notFound(`Agreement "${slug}"`, "slug");
  return agreement;
}

export async function indicatorScope(db: Db, slug: string, key: string) {
  const agreement = await agreementScope(db, slug);
  const [indicator] = await db
    .select({ agreementIndicatorId: t.agreementIndicators.id, code: t.indicatorDefinitions.code, components: t.indicatorDefinitions.components })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(and(eq(t.agreementIndicators.agreementId, agreement.agreementId), eq(t.indicatorDefinitions.key, key)));
  if (!indicator) throw notFound(`Indicator "${key}" in ${slug}`, "key");
  return { ...agreement, ...indicator };
}
export type IndicatorScope = Awaited<ReturnType<typeof indicatorScope>>;

/**
 * An indicator the agreement omitted (KA2: NI 170, replaced by NI 159) is no longer monitored:
 * its values and return are refused (409), naming it and what replaced it.
 */
export async function ensureMonitored(db: Db, scope: { agreementIndicatorId: number; code: string }): Promise<void> {
  const replacement = alias(t.agreementIndicators, "replacement");
  const replacementDefinition = alias(t.indicatorDefinitions, "replacement_definition");
  const [row] = await db
    .select({ state: t.agreementIndicators.state, replacedBy: replacementDefinition.code })
    .from(t.agreementIndicators)
    .leftJoin(replacement, eq(replacement.id, t.agreementIndicators.replacedById))
    .leftJoin(replacementDefinition, eq(replacementDefinition.id, replacement.indicatorId))
    .where(eq(t.agreementIndicators.id, scope.agreementIndicatorId));
  if (row?.state !== "omitted") return;
  const instead = row.replacedBy === null ? "" : `, replaced by ${row.replacedBy}`;
  const report = row.replacedBy === null ? "" : ` Report ${row.replacedBy} instead.`;
  throw new AppError(
    "CONFLICT",
    `${scope.code} was omitted from this agreement${instead}: it is no longer monitored, so no values or return are taken for it.${report}`,
    { field: "key" },
  );
}
