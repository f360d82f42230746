/**
 * Refusals that need no body come before the body is read: a route that needs a sign-in answers
 * an anonymous request 401 at once, and a signed-in person whose refusal the path alone settles
 * (no role in the agreement, not the indicator's officer, not that district's coordinator…)
 * gets 403 before their body is parsed or validated. The handler still makes the full decision.
 */
import { and, eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../db/client.js";
import * as t from "../db/schema/index.js";
import { AppError } from "../errors.js";
import { authorizeFromParams } from "../policy/authorize.js";
import type { ScopeFromParams } from "../policy/authorize.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The rule depends on what the body says (e.g. a proposal or a counter-proposal): no 403 from the path. */
    accessNeedsBody?: boolean;
  }
}

type PathParams = Partial<Record<"slug" | "key" | "code" | "organisation", string>>;

/**
 * What the path names, or null when it names no agreement (or one that does not exist: the
 * handler answers 404). An unknown indicator, district or organisation is left out, so only the
 * agreement-wide part of the rule is checked here.
 */
async function scopeFromParams(db: Db, params: PathParams): Promise<ScopeFromParams | null> {
  if (params.slug === undefined) return null;
  const [agreement] = await db.select({ agreementId: t.agreements.id, published: t.agreements.published }).from(t.agreements).where(eq(t.agreements.slug, params.slug));
  if (!agreement) return null;
  const scope: ScopeFromParams = { ...agreement };
  if (params.key !== undefined) {
    const [indicator] = await db
      .select({ id: t.agreementIndicators.id })
      .from(t.agreementIndicators)
      .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
      .where(and(eq(t.agreementIndicators.agreementId, agreement.agreementId), eq(t.indicatorDefinitions.key, params.key)));
    if (indicator) scope.agreementIndicatorId = indicator.id;
  }
  if (params.code !== undefined) {
    const [area] = await db.select({ id: t.areas.id }).from(t.areas).where(eq(t.areas.code, params.code));
    if (area) scope.areaId = area.id;
  }
  if (params.organisation !== undefined) {
    const [organisation] = await db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.slug, params.organisation));
    if (organisation) scope.organisationId = organisation.id;
  }
  return scope;
}

/** Registered after authentication, so request.actor is known. */
export function registerRouteAccess(app: FastifyInstance, db: Db): void {
  app.addHook("onRequest", async (request: FastifyRequest) => {
    const { access, accessNeedsBody } = request.routeOptions.config;
    // Public routes, unknown URLs (404) and reads (a published agreement needs no account).
    if (access === undefined || access === "public" || access === "read") return;
    const actor = request.actor;
    if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
    if (access === "signed-in" || accessNeedsBody) return;
    const decision = authorizeFromParams(actor, access, await scopeFromParams(db, request.params as PathParams));
    if (!decision.allowed) throw new AppError(decision.status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN", decision.reason);
  });
}
