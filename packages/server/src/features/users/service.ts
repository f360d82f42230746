/**
 * Accounts: create (invite), grant and revoke roles, list, API tokens. Each is one function
 * taking one options object, called by the API, the CLI and tests alike. Every change is audited.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError, notFound } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { whenAlreadyCreated } from "../../db/unique-violations.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import { ensureStrongPassword } from "../auth/password-strength.js";
import { generatePassword, hashPassword, newToken, tokenHash } from "../auth/secrets.js";
import type { GrantBody, UserView } from "./schema.js";

/** The command line acts with full rights (whoever can run it can open the database). */
export type Caller = Actor | "command-line";
const auditActor = (caller: Caller): Actor | null => (caller === "command-line" ? null : caller);

function ensureManages(caller: Caller, agreementId: number | null): void {
  if (caller === "command-line") return;
  ensureAllowed(caller, "manageUsers", { type: "users", agreementId });
}

async function organisationBySlug(db: Db, slug: string, field: string) {
  const [organisation] = await db.select().from(t.organisations).where(eq(t.organisations.slug, slug));
  if (!organisation) throw new AppError("BAD_REQUEST", `organisation "${slug}" is not known`, { field });
  return organisation;
}

export async function createUser(options: {
  db: Db;
  caller: Caller;
  email: string;
  name: string;
  organisation?: string | undefined;
  /** Chosen password; when absent a one-time password is generated and returned. */
  password?: string | undefined;
  /**
   * The demo's accounts share the password the demo's sign-in page prints, which the strength
   * check refuses by design (it is a word this site uses); nobody else may skip the check.
   */
  demoAccount?: boolean;
}): Promise<{ user: UserView; password: string }> {
  const { db, caller } = options;
  // A manager of any agreement may invite people; what they may do comes with the grants.
  if (caller !== "command-line" && !caller.grants.some((grant) => grant.role === "manager")) {
    throw new AppError("FORBIDDEN", "Only a manager may invite users.");
  }
  const organisationId = options.organisation ? (await organisationBySlug(db, options.organisation, "organisation")).id : null;
  const password = options.password ?? generatePassword();
  // A chosen password is checked; generated ones are strong by construction (and tested so).
  if (options.password !== undefined && !options.demoAccount) ensureStrongPassword(password, "password", { email: options.email, name: options.name });
  const passwordHash = await hashPassword(password);
  const alreadyThere = () => new AppError("CONFLICT", `There is already an account for ${options.email}`, { field: "email" });
  const write = () => db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, options.email));
    if (existing) throw alreadyThere();
    const [row] = await tx.insert(t.users).values({ email: options.email, name: options.name, organisationId, passwordHash }).returning({ id: t.users.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      actor: auditActor(caller),
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      agreementId: null,
      before: null,
      after: { email: options.email, name: options.name, organisation: options.organisation ?? null },
    });
    return row.id;
  });
  // Invited by someone else at the same moment: the same refusal as if their account had been seen.
  const id = await whenAlreadyCreated(write, { users_email_unique: () => Promise.reject(alreadyThere()) });
  return { user: await getUser(db, id), password };
}

export async function findUserByEmail(db: Db, email: string): Promise<number> {
  const [user] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email.toLowerCase()));
  if (!user) throw new AppError("NOT_FOUND", `No account for ${email}`, { field: "email" });
  return user.id;
}

interface ResolvedScope {
  agreementId: number | null;
  agreementIndicatorId: number | null;
  organisationId: number | null;
  areaId: number | null;
}

async function resolveScope(db: Db, body: GrantBody): Promise<ResolvedScope> {
  const scope: ResolvedScope = { agreementId: null, agreementIndicatorId: null, organisationId: null, areaId: null };
  if (body.agreement) {
    const [agreement] = await db.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.slug, body.agreement));
    if (!agreement) throw new AppError("BAD_REQUEST", `agreement "${body.agreement}" is not known`, { field: "agreement" });
    scope.agreementId = agreement.id;
  }
  if (body.role === "officer") {
    if (scope.agreementId === null) throw new AppError("BAD_REQUEST", "an officer is granted an indicator of an agreement: give the agreement", { field: "agreement" });
    if (!body.indicator) throw new AppError("BAD_REQUEST", "an officer is granted an indicator: give the indicator, e.g. ni-47", { field: "indicator" });
    const [indicator] = await db
      .select({ id: t.agreementIndicators.id })
      .from(t.agreementIndicators)
      .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
      .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), eq(t.indicatorDefinitions.key, body.indicator)));
    if (!indicator) throw new AppError("BAD_REQUEST", `indicator "${body.indicator}" is not in agreement "${body.agreement}"`, { field: "indicator" });
    scope.agreementIndicatorId = indicator.id;
  } else if (body.indicator) {
    throw new AppError("BAD_REQUEST", "only an officer is granted an indicator", { field: "indicator" });
  }
  if (body.role === "partner") {
    if (!body.organisation) throw new AppError("BAD_REQUEST", "a partner represents an organisation: give the organisation", { field: "organisation" });
    scope.organisationId = (await organisationBySlug(db, body.organisation, "organisation")).id;
  } else if (body.role === "government" && body.organisation) {
    // A department's negotiator (DCSF, DWP) speaks in the negotiation under the department's name.
    const organisation = await organisationBySlug(db, body.organisation, "organisation");
    if (organisation.kind !== "government-department" && organisation.kind !== "government-office") {
      throw new AppError("BAD_REQUEST", `${organisation.name} is not a government department or Government Office`, { field: "organisation" });
    }
    scope.organisationId = organisation.id;
  } else if (body.organisation) {
    throw new AppError("BAD_REQUEST", "only a partner (or a government department's negotiator) is granted an organisation", { field: "organisation" });
  }
  if (body.role === "lsp") {
    if (!body.district) throw new AppError("BAD_REQUEST", "an LSP coordinator works for a district: give its ONS code", { field: "district" });
    const [area] = await db.select({ id: t.areas.id, kind: t.areas.kind }).from(t.areas).where(eq(t.areas.code, body.district));
    if (!area || area.kind !== "district") throw new AppError("BAD_REQUEST", `"${body.district}" is not a district`, { field: "district" });
    scope.areaId = area.id;
  } else if (body.district) {
    throw new AppError("BAD_REQUEST", "only an LSP coordinator is granted a district", { field: "district" });
  }
  return scope;
}

export async function grantRole(options: { db: Db; caller: Caller; userId: number; grant: GrantBody }): Promise<UserView> {
  const { db, caller, userId, grant } = options;
  const scope = await resolveScope(db, grant);
  ensureManages(caller, scope.agreementId);
  await getUser(db, userId);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(t.roleGrants)
      .values({ userId, role: grant.role, ...scope, grantedBy: caller === "command-line" ? null : caller.id })
      .returning({ id: t.roleGrants.id });
    await recordAudit(tx, { actor: auditActor(caller), action: "grant.create", entityType: "user", entityId: userId, agreementId: scope.agreementId, before: null, after: { grant: row?.id, ...grant } });
  });
  return getUser(db, userId);
}

export async function revokeRole(options: { db: Db; caller: Caller; userId: number; grantId?: number; role?: string }): Promise<UserView> {
  const { db, caller, userId } = options;
  const grants = await db.select().from(t.roleGrants).where(eq(t.roleGrants.userId, userId));
  const matching = grants.filter((grant) => (options.grantId === undefined || grant.id === options.grantId) && (options.role === undefined || grant.role === options.role));
  if (matching.length === 0) throw notFound("That role grant", options.grantId !== undefined ? "grantId" : "role");
  for (const grant of matching) ensureManages(caller, grant.agreementId);
  await db.transaction(async (tx) => {
    await tx.delete(t.roleGrants).where(inArray(t.roleGrants.id, matching.map((grant) => grant.id)));
    for (const grant of matching) {
      await recordAudit(tx, { actor: auditActor(caller), action: "grant.revoke", entityType: "user", entityId: userId, agreementId: grant.agreementId, before: grant, after: null });
    }
  });
  return getUser(db, userId);
}

export async function listUsers(db: Db, caller: Caller): Promise<UserView[]> {
  const rows = await db.select({ id: t.users.id }).from(t.users).orderBy(asc(t.users.email));
  const users = await Promise.all(rows.map((row) => getUser(db, row.id)));
  if (caller === "command-line") return users;
  const managed = caller.grants.filter((grant) => grant.role === "manager").map((grant) => grant.agreementId);
  if (managed.includes(null)) return users;
  if (managed.length === 0) throw new AppError("FORBIDDEN", "Only a manager may see the list of users.");
  // A manager of some agreements sees the people who have a role in them (a role in every
  // agreement included), and people without any role yet.
  const slugs = new Set((await db.select({ id: t.agreements.id, slug: t.agreements.slug }).from(t.agreements)).filter((a) => managed.includes(a.id)).map((a) => a.slug));
  return users.filter((user) => user.grants.length === 0 || user.grants.some((grant) => grant.agreement === null || slugs.has(grant.agreement)));
}

export async function getUser(db: Db, userId: number): Promise<UserView> {
  const [user] = await db
    .select({ user: t.users, organisation: { slug: t.organisations.slug, name: t.organisations.name } })
    .from(t.users)
    .leftJoin(t.organisations, eq(t.organisations.id, t.users.organisationId))
    .where(eq(t.users.id, userId));
  if (!user) throw notFound(`User ${userId}`, "userId");
  const scopeOrganisation = alias(t.organisations, "scope_organisation");
  const grants = await db
    .select({
      id: t.roleGrants.id,
      role: t.roleGrants.role,
      agreement: t.agreements.slug,
      indicator: t.indicatorDefinitions.key,
      indicatorCode: t.indicatorDefinitions.code,
      organisation: scopeOrganisation.slug,
      organisationName: scopeOrganisation.name,
      district: t.areas.code,
      districtName: t.areas.name,
    })
    .from(t.roleGrants)
    .leftJoin(t.agreements, eq(t.agreements.id, t.roleGrants.agreementId))
    .leftJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.roleGrants.agreementIndicatorId))
    .leftJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .leftJoin(scopeOrganisation, eq(scopeOrganisation.id, t.roleGrants.organisationId))
    .leftJoin(t.areas, eq(t.areas.id, t.roleGrants.areaId))
    .where(eq(t.roleGrants.userId, userId))
    .orderBy(asc(t.roleGrants.id));
  return {
    id: user.user.id,
    email: user.user.email,
    name: user.user.name,
    organisation: user.organisation,
    disabled: user.user.disabled,
    grants: grants.map((grant) => {
      const where = grant.agreement ? ` in ${grant.agreement}` : " in every agreement";
      const scope =
        grant.indicatorCode ? ` for ${grant.indicatorCode}` : grant.organisationName ? ` for ${grant.organisationName}` : grant.districtName ? ` for ${grant.districtName}` : "";
      return {
        id: grant.id,
        role: grant.role,
        agreement: grant.agreement,
        indicator: grant.indicator,
        organisation: grant.organisation,
        district: grant.district,
        description: `${grant.role}${scope}${where}`,
      };
    }),
  };
}

export async function createApiToken(options: { db: Db; caller: Caller; userId: number; name: string }): Promise<{ id: number; token: string }> {
  const token = `accord_${newToken(32)}`;
  const { db } = options;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(t.apiTokens).values({ userId: options.userId, name: options.name, tokenHash: tokenHash(token) }).returning({ id: t.apiTokens.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, { actor: auditActor(options.caller), action: "token.create", entityType: "user", entityId: options.userId, agreementId: null, before: null, after: { token: row.id, name: options.name } });
    return { id: row.id, token };
  });
}

export async function revokeApiToken(options: { db: Db; caller: Caller; userId: number; tokenId: number }): Promise<void> {
  const { db } = options;
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(t.apiTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(t.apiTokens.id, options.tokenId), eq(t.apiTokens.userId, options.userId), isNull(t.apiTokens.revokedAt)))
      .returning({ id: t.apiTokens.id });
    if (revoked.length === 0) throw notFound(`API token ${options.tokenId}`, "tokenId");
    await recordAudit(tx, { actor: auditActor(options.caller), action: "token.revoke", entityType: "user", entityId: options.userId, agreementId: null, before: { token: options.tokenId }, after: null });
  });
}
