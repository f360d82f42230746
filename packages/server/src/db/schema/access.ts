/** Who may do what: users, scoped role grants, sessions, API tokens, and the audit trail. */
import { sql } from "drizzle-orm";
import { roles } from "@accord/domain";
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { agreementIndicators, agreements } from "./agreements.js";
import { areas, organisations } from "./reference.js";

export { roles };

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    /** Stored lower-case; people type their address in any case. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    organisationId: integer("organisation_id").references(() => organisations.id),
    /** argon2id; null for someone who signs in only through single sign-on. */
    passwordHash: text("password_hash"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("users_email_unique").on(table.email)],
);

/**
 * One role, scoped: manager / government / viewer to an agreement (none = every agreement),
 * officer to an agreement indicator, partner to an organisation, lsp to a district.
 */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    agreementId: integer("agreement_id").references(() => agreements.id, { onDelete: "cascade" }),
    agreementIndicatorId: integer("agreement_indicator_id").references(() => agreementIndicators.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    areaId: integer("area_id").references(() => areas.id, { onDelete: "cascade" }),
    grantedBy: integer("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [index("role_grants_user").on(table.userId)],
);

export const sessions = pgTable("sessions", {
  id: serial("id").primaryKey(),
  /** sha-256 of the token in the cookie: a stolen database does not yield live sessions. */
  tokenHash: text("token_hash").notNull().unique(),
  userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  csrfToken: text("csrf_token").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "string" }).notNull(),
});

/** Personal API tokens for scripts: sent as Authorization: Bearer …; revocable. */
export const apiTokens = pgTable("api_tokens", {
  id: serial("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "string" }),
  revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "string" }),
});

/** Failed sign-ins, counted per account and per address to slow down password guessing. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    address: text("address").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [index("sign_in_failures_email").on(table.email, table.at), index("sign_in_failures_address").on(table.address, table.at)],
);

/** Installation settings: the cookie-signing secret (generated, never in the repo) and demo mode. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Every write: who, when, what, before and after, written in the same transaction as the
 * change. No route updates or deletes it, and a trigger refuses UPDATE and DELETE outright.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id),
    /** The person's name and e-mail as they were, so history survives an account's removal. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    agreementId: integer("agreement_id").references(() => agreements.id),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (table) => [index("audit_events_entity").on(table.entityType, table.entityId, table.at)],
);

/** Comments on an agreement indicator (viewers, members and boards may comment). */
export const comments = pgTable("comments", {
  id: serial("id").primaryKey(),
  agreementIndicatorId: integer("agreement_indicator_id").notNull().references(() => agreementIndicators.id, { onDelete: "cascade" }),
  userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  body: text("body").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});

/** An LSP's local action plan for one district in one agreement (seed 000 §10). */
export const localActionPlans = pgTable(
  "local_action_plans",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    areaId: integer("area_id").notNull().references(() => areas.id),
    summary: text("summary").notNull().default(""),
    /** The agreement indicators this LSP has chosen to support. */
    supportedIndicatorIds: integer("supported_indicator_ids").array().notNull().default(sql`'{}'::integer[]`),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("local_action_plans_agreement_area_unique").on(table.agreementId, table.areaId)],
);

/** A submitted agreement is frozen as a numbered revision: the whole agreement as it then stood. */
export const agreementRevisions = pgTable(
  "agreement_revisions",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id),
    revision: integer("revision").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    submittedBy: integer("submitted_by").references(() => users.id),
    snapshot: jsonb("snapshot").notNull(),
  },
  (table) => [uniqueIndex("agreement_revisions_unique").on(table.agreementId, table.revision)],
);

/** Fortnightly bulletins: a digest of what changed since the last one, as issued. */
export const bulletins = pgTable(
  "bulletins",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id),
    number: integer("number").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    issuedBy: integer("issued_by").references(() => users.id),
    since: timestamp("since", { withTimezone: true, mode: "string" }),
    content: jsonb("content").notNull(),
  },
  (table) => [uniqueIndex("bulletins_agreement_number_unique").on(table.agreementId, table.number)],
);
