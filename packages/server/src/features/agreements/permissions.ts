/**
 * What the signed-in person may do in one agreement, worked out by the same policy the routes
 * enforce, so the web app can hide what they may not do (the server still refuses it).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { authorize } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { PermissionsView } from "@accord/domain";

export { PermissionsView };

/** `scope` comes from the statement that already checked the agreement may be read. */
export async function permissionsFor(db: Db, actor: Actor | null, read: { agreementId: number; published: boolean }): Promise<PermissionsView> {
  const scope = { agreementId: read.agreementId, published: read.published };
  const agreement = { type: "agreement" as const, ...scope };
  const can = (action: Parameters<typeof authorize>[1]) => authorize(actor, action, agreement).allowed;
  const [indicators, organisations, districts] = await Promise.all([
    db
      .select({ id: t.agreementIndicators.id, key: t.indicatorDefinitions.key })
      .from(t.agreementIndicators)
      .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
      .where(eq(t.agreementIndicators.agreementId, scope.agreementId))
      .orderBy(t.agreementIndicators.position),
    db.select({ id: t.organisations.id, slug: t.organisations.slug }).from(t.organisations),
    db.select({ id: t.areas.id, code: t.areas.code }).from(t.areas).where(eq(t.areas.kind, "district")),
  ]);
  const anyIndicator = indicators[0];
  return {
    signedIn: actor !== null,
    read: can("read"),
    update: can("update"),
    manageUsers: actor !== null && authorize(actor, "manageUsers", { type: "users", agreementId: scope.agreementId }).allowed,
    readHistory: can("readHistory"),
    comment: anyIndicator ? authorize(actor, "comment", { type: "agreementIndicator", ...scope, agreementIndicatorId: anyIndicator.id }).allowed : false,
    recordNegotiation: anyIndicator ? authorize(actor, "recordNegotiation", { type: "agreementIndicator", ...scope, agreementIndicatorId: anyIndicator.id }).allowed : false,
    manageRounds: can("manageRounds"),
    proposeTarget: indicators.filter((i) => authorize(actor, "proposeTarget", { type: "agreementIndicator", ...scope, agreementIndicatorId: i.id }).allowed).map((i) => i.key),
    signUpFor: anyIndicator
      ? organisations.filter((o) => authorize(actor, "signUp", { type: "signUp", ...scope, agreementIndicatorId: anyIndicator.id, organisationId: o.id }).allowed).map((o) => o.slug)
      : [],
    editLocalActionPlan: districts.filter((d) => authorize(actor, "editLocalActionPlan", { type: "localActionPlan", ...scope, areaId: d.id }).allowed).map((d) => d.code),
  };
}
