/**
 * An LSP's local action plan for its district (seed 000 §10): which targets it will support and
 * its local contribution. The LSP coordinator of that district edits it; others read it.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { LocalActionPlanView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError, notFound } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { AlreadyExistsError, whenAlreadyCreated } from "../../db/unique-violations.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError } from "../indicators/service.js";
import { agreementScope } from "../indicators/scope.js";
import { apiErrors } from "../../http/route-schemas.js";

const Params = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2"),
  code: z.string().regex(/^[A-Z0-9]{2,12}$/, "must be a district's ONS code such as E07000114"),
});
const PlanBody = z
  .object({
    summary: z.string().max(20_000, "must be at most 20000 characters"),
    supportedIndicators: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/, "must be indicator keys such as ni-47")).max(200),
    version: z.number().int().positive().optional(),
  })
  .strict();

async function district(db: Db, code: string) {
  const [area] = await db.select().from(t.areas).where(eq(t.areas.code, code));
  if (!area || area.kind !== "district") throw notFound(`District ${code}`, "code");
  return area;
}

async function keysOf(db: Db | Tx, ids: number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: t.agreementIndicators.id, key: t.indicatorDefinitions.key })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(inArray(t.agreementIndicators.id, ids));
  return ids.map((id) => rows.find((row) => row.id === id)?.key ?? String(id));
}

export function localPlanRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const url = "/agreements/:slug/districts/:code/local-action-plan";

    app.get(url, { config: { access: "read" }, schema: { tags: ["districts"], summary: "A district's local action plan", params: Params, response: { 200: LocalActionPlanView, ...apiErrors } } }, async (request) => {
      const scope = await agreementScope(db, request.params.slug);
      const area = await district(db, request.params.code);
      ensureAllowed(request.actor, "read", { type: "localActionPlan", ...scope, areaId: area.id });
      const [plan] = await db.select().from(t.localActionPlans).where(and(eq(t.localActionPlans.agreementId, scope.agreementId), eq(t.localActionPlans.areaId, area.id)));
      return {
        district: { code: area.code, name: area.name, lsp: area.lsp },
        summary: plan?.summary ?? "",
        supportedIndicators: await keysOf(db, plan?.supportedIndicatorIds ?? []),
        version: plan?.version ?? 0,
      };
    });

    app.put(
      url,
      { config: { access: "editLocalActionPlan" }, schema: { tags: ["districts"], summary: "Write the district's local action plan (send the version you read)", params: Params, body: PlanBody, response: { 200: LocalActionPlanView, ...apiErrors } } },
      async (request) => {
        const scope = await agreementScope(db, request.params.slug);
        const area = await district(db, request.params.code);
        ensureAllowed(request.actor, "editLocalActionPlan", { type: "localActionPlan", ...scope, areaId: area.id });
        const wanted = request.body.supportedIndicators;
        const found =
          wanted.length === 0
            ? []
            : await db
                .select({ id: t.agreementIndicators.id, key: t.indicatorDefinitions.key })
                .from(t.agreementIndicators)
                .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
                .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), inArray(t.indicatorDefinitions.key, wanted)));
        const unknown = wanted.filter((key) => !found.some((row) => row.key === key));
        if (unknown.length > 0) throw new AppError("BAD_REQUEST", `supportedIndicators: ${unknown.join(", ")} not in ${request.params.slug}`, { field: "supportedIndicators" });
        const ids = wanted.map((key) => found.find((row) => row.key === key)?.id ?? 0);
        const write = () => db.transaction(async (tx) => {
          const [existing] = await tx.select().from(t.localActionPlans).where(and(eq(t.localActionPlans.agreementId, scope.agreementId), eq(t.localActionPlans.areaId, area.id)));
          const before = existing ? { summary: existing.summary, supportedIndicators: await keysOf(tx, existing.supportedIndicatorIds), version: existing.version } : null;
          let saved: typeof t.localActionPlans.$inferSelect | undefined;
          if (existing) {
            if (request.body.version !== existing.version) throw new StaleVersionError("The local action plan", before);
            [saved] = await tx
              .update(t.localActionPlans)
              .set({ summary: request.body.summary, supportedIndicatorIds: ids, version: existing.version + 1 })
              .where(and(eq(t.localActionPlans.id, existing.id), eq(t.localActionPlans.version, existing.version)))
              .returning();
            if (!saved) throw new StaleVersionError("The local action plan", before);
          } else {
            [saved] = await tx.insert(t.localActionPlans).values({ agreementId: scope.agreementId, areaId: area.id, summary: request.body.summary, supportedIndicatorIds: ids }).returning();
          }
          if (!saved) throw new Error("plan was not saved");
          await recordAudit(tx, {
            actor: request.actor,
            action: "localActionPlan.set",
            entityType: "localActionPlan",
            entityId: `${scope.agreementId}:${area.code}`,
            agreementId: scope.agreementId,
            before,
            after: { summary: saved.summary, supportedIndicators: wanted, version: saved.version },
          });
          return saved.version;
        });
        // The district's first plan written by two people at once: the second hears about the first.
        const version = await whenAlreadyCreated(write, {
          local_action_plans_agreement_area_unique: async () => {
            const [now] = await db.select().from(t.localActionPlans).where(and(eq(t.localActionPlans.agreementId, scope.agreementId), eq(t.localActionPlans.areaId, area.id)));
            const current = now ? { summary: now.summary, supportedIndicators: await keysOf(db, now.supportedIndicatorIds), version: now.version } : null;
            throw new AlreadyExistsError(`The local action plan of ${area.name} was written by someone else a moment ago. Look at it and make your change again.`, { field: "version", current });
          },
        });
        return { district: { code: area.code, name: area.name, lsp: area.lsp }, summary: request.body.summary, supportedIndicators: wanted, version };
      },
    );
  };
}
