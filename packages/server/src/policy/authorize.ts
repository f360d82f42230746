/**
 * One policy for every resource: authorize(actor, action, resource). Routes never hand-roll
 * role checks; they load the resource and ask here. Roles and scopes: DESIGN.md "Who uses it".
 */
import { AppError } from "../errors.js";
import type { Role } from "@accord/domain";

export type { Role };

export interface Grant {
  id: number;
  role: Role;
  /** null: every agreement (an installation-wide manager, viewer or Government Office). */
  agreementId: number | null;
  agreementIndicatorId: number | null;
  organisationId: number | null;
  areaId: number | null;
}

export interface Actor {
  id: number;
  name: string;
  email: string;
  organisationId: number | null;
  grants: Grant[];
}

interface AgreementScope {
  agreementId: number;
  published: boolean;
}

export type Resource =
  | ({ type: "agreement" } & AgreementScope)
  | ({ type: "agreementIndicator"; agreementIndicatorId: number } & AgreementScope)
  | ({ type: "signUp"; agreementIndicatorId: number; organisationId: number } & AgreementScope)
  | ({ type: "localActionPlan"; areaId: number } & AgreementScope)
  /** A value of an indicator for the county or one district. */
  | ({ type: "observation"; agreementIndicatorId: number; areaId: number } & AgreementScope)
  /** The people of one agreement (agreementId null: every account in the installation). */
  | { type: "users"; agreementId: number | null }
  | { type: "ownAccount" }
  /** The indicator catalogue, shared by every agreement. */
  | { type: "catalogue" };

export const actions = [
  "read",
  "update",
  "proposeTarget",
  "setBaseline",
  "recordNegotiation",
  "comment",
  "signUp",
  "withdrawSignUp",
  "editLocalActionPlan",
  "recordObservation",
  "manageRounds",
  "editReturn",
  "decideReturn",
  "submitDistrictReturn",
  "editDeliveryPlan",
  "manageUsers",
  "readHistory",
  "manageOwnAccount",
  "editCatalogue",
] as const;
export type Action = (typeof actions)[number];

export type Decision = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, status: 403, reason });

export function grantsIn(actor: Actor, agreementId: number): Grant[] {
  return actor.grants.filter((grant) => grant.agreementId === null || grant.agreementId === agreementId);
}

function has(actor: Actor, agreementId: number, role: Role, extra: (grant: Grant) => boolean = () => true): boolean {
  return grantsIn(actor, agreementId).some((grant) => grant.role === role && extra(grant));
}

function canRead(actor: Actor | null, scope: AgreementScope): boolean {
  if (scope.published) return true;
  return actor !== null && grantsIn(actor, scope.agreementId).length > 0;
}

export function authorize(actor: Actor | null, action: Action, resource: Resource): Decision {
  // Reading a published agreement needs no account: it is a public document.
  if (action === "read" && resource.type !== "users" && resource.type !== "ownAccount" && resource.type !== "catalogue" && canRead(actor, resource)) return allow;
  if (actor === null) return { allowed: false, status: 401, reason: "Sign in to do this." };

  switch (resource.type) {
    case "ownAccount":
      return action === "manageOwnAccount" ? allow : deny("Not an action on your own account.");
    case "catalogue":
      if (action !== "editCatalogue") return deny("Not an action on the catalogue.");
      // The catalogue serves every agreement: a manager of any of them keeps it.
      return actor.grants.some((g) => g.role === "manager") ? allow : deny("Only a manager may add or change catalogue entries.");
    case "users": {
      if (action !== "manageUsers") return deny("Not an action on accounts.");
      const isManager = actor.grants.some((g) => g.role === "manager" && (g.agreementId === null || g.agreementId === resource.agreementId));
      return isManager ? allow : deny("Only a manager of the agreement may manage its users.");
    }
    default:
      break;
  }

  const { agreementId } = resource;
  // Beyond reading a published document, everything needs a role in the agreement.
  if (grantsIn(actor, agreementId).length === 0) return deny("You have no role in this agreement.");
  if (has(actor, agreementId, "manager")) return allow; // everything in their agreements

  switch (action) {
    case "read":
    case "readHistory":
    case "comment":
      return allow; // every signed-in person with a role in the agreement, viewers included
    case "proposeTarget":
    case "setBaseline":
      if (resource.type !== "agreementIndicator") return deny("Targets and baselines belong to an indicator.");
      return has(actor, agreementId, "officer", (g) => g.agreementIndicatorId === resource.agreementIndicatorId)
        ? allow
        : deny("Only the indicator's accountable officer or a manager may change its baseline and targets.");
    case "recordNegotiation":
      return has(actor, agreementId, "government") ? allow : deny("Only the Government Office, a department or a manager may record the negotiation position.");
    case "signUp":
    case "withdrawSignUp":
      if (resource.type !== "signUp") return deny("Sign-ups belong to an indicator and an organisation.");
      return has(actor, agreementId, "partner", (g) => g.organisationId === resource.organisationId)
        ? allow
        : deny("A partner representative may sign up only their own organisation.");
    case "editLocalActionPlan":
      if (resource.type !== "localActionPlan") return deny("A local action plan belongs to a district.");
      return has(actor, agreementId, "lsp", (g) => g.areaId === resource.areaId)
        ? allow
        : deny("An LSP coordinator may edit only their own district's plan.");
    case "recordObservation":
      // Seed 000 §11: the accountable officer reports the indicator; an LSP monitors its own
      // district (§10), so its coordinator may give that district's values and no others.
      if (resource.type !== "observation") return deny("A value belongs to an indicator and an area.");
      if (has(actor, agreementId, "officer", (g) => g.agreementIndicatorId === resource.agreementIndicatorId)) return allow;
      if (has(actor, agreementId, "lsp", (g) => g.areaId === resource.areaId)) return allow;
      return deny("Only the indicator's accountable officer, a manager, or the LSP coordinator for that district may record its values.");
    case "manageRounds":
      return deny("Only a manager of the agreement may open, close or publish a monitoring round.");
    case "editReturn":
      // Seed 000 §11: each indicator's data collection and text update is completed by its accountable officer.
      if (resource.type !== "agreementIndicator") return deny("A return belongs to an indicator.");
      return has(actor, agreementId, "officer", (g) => g.agreementIndicatorId === resource.agreementIndicatorId)
        ? allow
        : deny("Only the indicator's accountable officer or a manager may write or submit its return.");
    case "decideReturn":
      return deny("Only a manager of the agreement may accept a return or send it back.");
    case "submitDistrictReturn":
      // An LSP monitors its own district (seed 000 §10): its coordinator submits that district's values.
      if (resource.type !== "observation") return deny("A district's values belong to an indicator and a district.");
      return has(actor, agreementId, "lsp", (g) => g.areaId === resource.areaId)
        ? allow
        : deny("Only the LSP coordinator for that district or a manager may submit the district's values.");
    case "editDeliveryPlan":
      // Seed 000 §11: the indicator's accountable officer prepares its delivery plan.
      if (resource.type !== "agreementIndicator") return deny("A delivery plan belongs to an indicator.");
      return has(actor, agreementId, "officer", (g) => g.agreementIndicatorId === resource.agreementIndicatorId)
        ? allow
        : deny("Only the indicator's accountable officer or a manager may edit its delivery plan.");
    case "update":
    case "manageUsers":
      return deny("Only a manager of the agreement may do this.");
    case "manageOwnAccount":
    case "editCatalogue":
      return deny("Not an action on an agreement.");
  }
}

/** What a request's path names, looked up before its body is read. */
export interface ScopeFromParams {
  agreementId: number;
  published: boolean;
  agreementIndicatorId?: number;
  areaId?: number;
  organisationId?: number;
}

/** Who could ever be allowed an action in an agreement, whatever the body says (managers always). */
const rolesThatMay: Partial<Record<Action, { role: Role; who: string }>> = {
  proposeTarget: { role: "officer", who: "an accountable officer" },
  setBaseline: { role: "officer", who: "an accountable officer" },
  recordNegotiation: { role: "government", who: "the Government Office or a department" },
  signUp: { role: "partner", who: "a partner representative" },
  withdrawSignUp: { role: "partner", who: "a partner representative" },
  editLocalActionPlan: { role: "lsp", who: "an LSP coordinator" },
  editReturn: { role: "officer", who: "an accountable officer" },
  editDeliveryPlan: { role: "officer", who: "an accountable officer" },
  submitDistrictReturn: { role: "lsp", who: "an LSP coordinator" },
};

/**
 * The part of a decision that the path alone settles, so a signed-in person without the right is
 * refused (403) before their body is parsed or validated. Allowing here is not the final word:
 * the handler still calls authorize() with the full resource.
 */
export function authorizeFromParams(actor: Actor, action: Action, known: ScopeFromParams | null): Decision {
  if (action === "read" || action === "manageOwnAccount") return allow;
  if (action === "manageUsers") {
    return actor.grants.some((grant) => grant.role === "manager") ? allow : deny("Only a manager may manage accounts.");
  }
  if (action === "editCatalogue") return authorize(actor, action, { type: "catalogue" });
  if (known === null) return allow;
  const scope = { agreementId: known.agreementId, published: known.published };
  const { agreementIndicatorId, areaId, organisationId } = known;
  if ((action === "proposeTarget" || action === "setBaseline") && agreementIndicatorId !== undefined) {
    return authorize(actor, action, { type: "agreementIndicator", ...scope, agreementIndicatorId });
  }
  if ((action === "signUp" || action === "withdrawSignUp") && organisationId !== undefined) {
    return authorize(actor, action, { type: "signUp", ...scope, agreementIndicatorId: agreementIndicatorId ?? 0, organisationId });
  }
  if (action === "editLocalActionPlan" && areaId !== undefined) {
    return authorize(actor, action, { type: "localActionPlan", ...scope, areaId });
  }
  if ((action === "editReturn" || action === "editDeliveryPlan") && agreementIndicatorId !== undefined) {
    return authorize(actor, action, { type: "agreementIndicator", ...scope, agreementIndicatorId });
  }
  if (action === "submitDistrictReturn" && agreementIndicatorId !== undefined && areaId !== undefined) {
    return authorize(actor, action, { type: "observation", ...scope, agreementIndicatorId, areaId });
  }
  if (action === "recordObservation") {
    // The area is in the body: the indicator's officer may give any of them, an LSP coordinator
    // only their district's (decided once the body is read), anyone else none.
    const grants = grantsIn(actor, known.agreementId);
    const officer = (grant: Grant) =>
      grant.role === "officer" && (agreementIndicatorId === undefined || grant.agreementIndicatorId === agreementIndicatorId);
    return grants.some((grant) => grant.role === "manager" || grant.role === "lsp" || officer(grant))
      ? allow
      : deny("Only the indicator's accountable officer, a manager, or an LSP coordinator for a district may record its values.");
  }
  const capable = rolesThatMay[action];
  if (capable === undefined) return authorize(actor, action, { type: "agreement", ...scope });
  // The rest depends on the body (which organisation, which district): refuse only someone
  // with no role that could ever allow it.
  const grants = grantsIn(actor, known.agreementId);
  if (grants.length === 0) return deny("You have no role in this agreement.");
  return grants.some((grant) => grant.role === "manager" || grant.role === capable.role) ? allow : deny(`Only a manager or ${capable.who} may do this.`);
}

/** Throws the decision as a 401 or 403 with its reason. */
export function ensureAllowed(actor: Actor | null, action: Action, resource: Resource): void {
  const decision = authorize(actor, action, resource);
  if (decision.allowed) return;
  throw new AppError(decision.status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN", decision.reason);
}
