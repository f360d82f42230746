/** Agreements and what they commit to: themes or blocks, outcomes, indicators, baselines, targets. */
import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { TargetForm } from "@accord/domain";
import { areas, indicatorDefinitions, organisations, people } from "./reference.js";

export const agreements = pgTable("agreements", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  areaId: integer("area_id").notNull().references(() => areas.id),
  responsibleAuthorityId: integer("responsible_authority_id").notNull().references(() => organisations.id),
  governmentOfficeId: integer("government_office_id").notNull().references(() => organisations.id),
  firstYear: text("first_year").notNull(),
  lastYear: text("last_year").notNull(),
  status: text("status", { enum: ["draft", "negotiation", "submitted", "approved", "closed"] }).notNull(),
  /** Numbered revisions: the 2005 summary table is "revision #: 6". */
  revision: integer("revision").notNull().default(1),
  predecessorId: integer("predecessor_id").references((): AnyPgColumn => agreements.id),
  published: boolean("published").notNull().default(false),
  structure: text("structure", { enum: ["outcomes", "themes"] }).notNull(),
  summary: text("summary"),
  source: text("source").notNull(),
  version: integer("version").notNull().default(1),
});

export const deadlines = pgTable("deadlines", {
  id: serial("id").primaryKey(),
  agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  date: date("date", { mode: "string" }).notNull(),
});

/** KA2's Vision for Kent themes, KA1's blocks, and the DCSF statutory group. */
export const themes = pgTable(
  "themes",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    title: text("title").notNull(),
    kind: text("kind", { enum: ["theme", "block", "statutory-group"] }).notNull(),
    description: text("description"),
    position: integer("position").notNull(),
  },
  (table) => [uniqueIndex("themes_agreement_code_unique").on(table.agreementId, table.code)],
);

/** Numbered outcomes; a deleted outcome keeps its number (KA1 outcome 15). */
export const outcomes = pgTable(
  "outcomes",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    themeId: integer("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    deleted: boolean("deleted").notNull().default(false),
    deletedNote: text("deleted_note"),
    lpsa2: boolean("lpsa2").notNull().default(false),
    sip: boolean("sip").notNull().default(false),
    notes: text("notes").array().notNull().default(sql`'{}'::text[]`),
    /** Concordat: more than three primary indicators only by mutual agreement with the Government Office. */
    extraPrimaryAgreedOn: date("extra_primary_agreed_on", { mode: "string" }),
    extraPrimaryNote: text("extra_primary_note"),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("outcomes_agreement_number_unique").on(table.agreementId, table.number)],
);

export const outcomePartners = pgTable("outcome_partners", {
  id: serial("id").primaryKey(),
  outcomeId: integer("outcome_id").notNull().references(() => outcomes.id, { onDelete: "cascade" }),
  organisationId: integer("organisation_id").notNull().references(() => organisations.id),
  role: text("role", { enum: ["lead", "principal", "secondary", "government-department"] }).notNull(),
  detail: text("detail"),
  position: integer("position").notNull(),
});

/** An indicator as committed in one agreement. */
export const agreementIndicators = pgTable(
  "agreement_indicators",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    indicatorId: integer("indicator_id").notNull().references(() => indicatorDefinitions.id),
    themeId: integer("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    outcomeId: integer("outcome_id").references(() => outcomes.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["designated", "statutory", "primary", "secondary", "local"] }).notNull(),
    state: text("state", { enum: ["active", "omitted"] }).notNull().default("active"),
    /** "Propose to omit NI 170, replace with NI 159": the omitted row points at its replacement. */
    replacedById: integer("replaced_by_id").references((): AnyPgColumn => agreementIndicators.id),
    replacementReason: text("replacement_reason"),
    titleAsWritten: text("title_as_written"),
    dataSource: text("data_source"),
    lpsa2: boolean("lpsa2").notNull().default(false),
    accountableOfficerId: integer("accountable_officer_id").references(() => people.id),
    targetNote: text("target_note"),
    notes: text("notes").array().notNull().default(sql`'{}'::text[]`),
    position: integer("position").notNull(),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    uniqueIndex("agreement_indicators_agreement_indicator_unique").on(table.agreementId, table.indicatorId),
    index("agreement_indicators_theme").on(table.themeId),
  ],
);

/** A baseline value per component, with its reference period and source. */
export const baselines = pgTable(
  "baselines",
  {
    id: serial("id").primaryKey(),
    agreementIndicatorId: integer("agreement_indicator_id").notNull().references(() => agreementIndicators.id, { onDelete: "cascade" }),
    component: text("component").notNull().default("all"),
    value: numeric("value").notNull(),
    unit: text("unit"),
    period: text("period"),
    source: text("source"),
    written: text("written").notNull(),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("baselines_indicator_component_unique").on(table.agreementIndicatorId, table.component)],
);

/** "Cannot be set until Place Survey conducted (Sept 08)". */
export const pendingBaselines = pgTable("pending_baselines", {
  id: serial("id").primaryKey(),
  agreementIndicatorId: integer("agreement_indicator_id").notNull().unique().references(() => agreementIndicators.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  expectedBy: date("expected_by", { mode: "string" }),
  written: text("written").notNull(),
  version: integer("version").notNull().default(1),
});

/** A target per financial year and component: structured form plus the wording as written. */
export const targets = pgTable(
  "targets",
  {
    id: serial("id").primaryKey(),
    agreementIndicatorId: integer("agreement_indicator_id").notNull().references(() => agreementIndicators.id, { onDelete: "cascade" }),
    financialYear: text("financial_year").notNull(),
    component: text("component").notNull().default("all"),
    form: text("form", { enum: ["absolute", "relative", "cumulative", "level", "maintain"] }).notNull(),
    /** The structured target (TargetForm), numbers as exact decimal strings. */
    target: jsonb("target").$type<TargetForm>().notNull(),
    /** The number it works out at, kept exact (591.5 for "50% reduction" of 1183); null while the baseline is pending. */
    value: numeric("value"),
    /** The number printed in the agreement when it differs (592). */
    writtenValue: numeric("written_value"),
    written: text("written").notNull(),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("targets_indicator_year_component_unique").on(table.agreementIndicatorId, table.financialYear, table.component)],
);

/** Dated negotiation status of an agreement indicator; the position summary as at a date reads it. */
export const negotiationStatusHistory = pgTable(
  "negotiation_status_history",
  {
    id: serial("id").primaryKey(),
    agreementIndicatorId: integer("agreement_indicator_id").notNull().references(() => agreementIndicators.id, { onDelete: "cascade" }),
    asAt: date("as_at", { mode: "string" }).notNull(),
    status: text("status", {
      enum: ["not-started", "proposed", "under-discussion", "counter-proposed", "agreed-with-government-office", "deferred"],
    }).notNull(),
    party: text("party", { enum: ["partnership", "lead-partner", "government-office", "department"] }).notNull(),
    note: text("note"),
    /** What was said: a proposal, counter-proposal, comment, agreement or deferral; "position" for a status as the seed records it. */
    kind: text("kind").notNull().default("position"),
    /** The department or body speaking, when the party is a department ("DCSF"). */
    partyName: text("party_name"),
    /** The targets proposed or counter-proposed, as structured forms with their wording. */
    proposal: jsonb("proposal"),
    recordedBy: integer("recorded_by"),
    /** Server time the entry was recorded; null for statuses loaded from the agreement's documents. */
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }),
    /** A manager's entry copied from a document dated asAt: the document, and why it was entered late. */
    transcribedFrom: text("transcribed_from"),
    transcriptionReason: text("transcription_reason"),
    /** What an agreement agreed: the latest proposal, the counter-proposal, or amended values. */
    basis: text("basis", { enum: ["proposal", "counter-proposal", "amended"] }),
  },
  (table) => [index("negotiation_status_history_indicator").on(table.agreementIndicatorId, table.asAt)],
);

/** Organisation × agreement indicator × role (lead *, statutory, non-statutory). */
export const partnerSignUps = pgTable(
  "partner_sign_ups",
  {
    id: serial("id").primaryKey(),
    agreementIndicatorId: integer("agreement_indicator_id").notNull().references(() => agreementIndicators.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
    role: text("role", { enum: ["lead", "statutory", "non-statutory"] }).notNull(),
    detail: text("detail"),
    position: integer("position").notNull(),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("partner_sign_ups_unique").on(table.agreementIndicatorId, table.organisationId, table.role)],
);

/** The register of freedoms and flexibilities (seed 003 §4 and appendix 4). */
export const freedoms = pgTable(
  "freedoms",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    /** null where the document leaves the cell empty (KA1 outcome 16's strategic partnership). */
    problem: text("problem"),
    freedomSought: text("freedom_sought").notNull(),
    priority: text("priority", { enum: ["essential", "desirable"] }),
    benefitsToCentralGovernment: text("benefits_to_central_government"),
    benefitsToPartners: text("benefits_to_partners"),
    benefitsToCommunity: text("benefits_to_community"),
    scope: text("scope", { enum: ["outcomes", "block", "overarching"] }).notNull(),
    themeId: integer("theme_id").references(() => themes.id, { onDelete: "set null" }),
    department: text("department"),
    status: text("status"),
    notes: text("notes").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("freedoms_agreement_number_unique").on(table.agreementId, table.number)],
);

export const freedomOutcomes = pgTable("freedom_outcomes", {
  freedomId: integer("freedom_id").notNull().references(() => freedoms.id, { onDelete: "cascade" }),
  outcomeId: integer("outcome_id").notNull().references(() => outcomes.id, { onDelete: "cascade" }),
});

/**
 * How many committed transactions have changed an agreement or anything shown with it. Bumped by
 * database triggers at commit (migration 0003), never by the application, so no write can forget
 * it; several Accord processes on one PostgreSQL read it to know whether a view they built is current.
 */
export const agreementChanges = pgTable("agreement_changes", {
  agreementId: integer("agreement_id").primaryKey().references(() => agreements.id, { onDelete: "cascade" }),
  changes: bigint("changes", { mode: "number" }).notNull().default(0),
});
