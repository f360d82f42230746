/**
 * Monitoring (seed 000 §11): the values reported for each agreement indicator. One row per
 * indicator × period × area × component; a county rate is worked out from its districts'
 * numerators and denominators, never by averaging their percentages.
 */
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { reportingPeriodKinds } from "@accord/domain";
import { agreementIndicators, agreements } from "./agreements.js";
import { areas } from "./reference.js";
import { users } from "./access.js";

/** A period a value is reported for, with its dates (reporting-periods.ts reads the labels). */
export const reportingPeriods = pgTable(
  "reporting_periods",
  {
    id: serial("id").primaryKey(),
    /** Canonical label: "2008/09 H1", "Place Survey autumn 2008". */
    label: text("label").notNull().unique(),
    kind: text("kind", { enum: reportingPeriodKinds }).notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
  },
  (table) => [check("reporting_periods_dates_in_order", sql`${table.startDate} <= ${table.endDate}`)],
);

export const observationStatuses = ["provisional", "final"] as const;

export const observations = pgTable(
  "observations",
  {
    id: serial("id").primaryKey(),
    agreementIndicatorId: integer("agreement_indicator_id")
      .notNull()
      .references(() => agreementIndicators.id, { onDelete: "cascade" }),
    periodId: integer("period_id")
      .notNull()
      .references(() => reportingPeriods.id),
    /** Kent or one of its districts. */
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    component: text("component").notNull().default("all"),
    /** The value as reported; for a cumulative indicator (NI 155) the period's own count. */
    value: numeric("value").notNull(),
    /** For a rate: what was counted and out of how many, so areas can be added up correctly. */
    numerator: numeric("numerator"),
    denominator: numeric("denominator"),
    status: text("status", { enum: observationStatuses }).notNull().default("provisional"),
    source: text("source"),
    note: text("note"),
    /** Who recorded it, from the session; the name is kept as it was so history survives the account. */
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    uniqueIndex("observations_indicator_period_area_component_unique").on(
      table.agreementIndicatorId,
      table.periodId,
      table.areaId,
      table.component,
    ),
    index("observations_period").on(table.periodId),
    check(
      "observations_numerator_with_denominator",
      sql`(${table.numerator} is null) = (${table.denominator} is null)`,
    ),
    check("observations_denominator_positive", sql`${table.denominator} is null or ${table.denominator} > 0`),
  ],
);

export const roundStatuses = ["open", "closed", "published"] as const;

/**
 * A six-monthly monitoring round for one period (seed 000 §11): opened by a manager, returns are
 * collected until it is closed, then the central report is published. One round per period.
 */
export const monitoringRounds = pgTable(
  "monitoring_rounds",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    periodId: integer("period_id")
      .notNull()
      .references(() => reportingPeriods.id),
    /** When the returns are due: by default six weeks after the period ends. */
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: text("status", { enum: roundStatuses }).notNull().default("open"),
    openedByName: text("opened_by_name").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "string" }),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "string" }),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("monitoring_rounds_agreement_period_unique").on(table.agreementId, table.periodId)],
);

export const returnStatuses = ["draft", "submitted", "accepted", "returned"] as const;

/** One indicator's return in a round: its text update and self-assessed status (values are observations). */
export const indicatorReturns = pgTable(
  "indicator_returns",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => monitoringRounds.id, { onDelete: "cascade" }),
    agreementIndicatorId: integer("agreement_indicator_id")
      .notNull()
      .references(() => agreementIndicators.id, { onDelete: "cascade" }),
    status: text("status", { enum: returnStatuses }).notNull().default("draft"),
    progress: text("progress"),
    issuesAndRisks: text("issues_and_risks"),
    nextActions: text("next_actions"),
    selfAssessedStatus: text("self_assessed_status"),
    /** The manager's comment when a return is sent back (or accepted with a remark). */
    managerComment: text("manager_comment"),
    updatedByName: text("updated_by_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    submittedByName: text("submitted_by_name"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "string" }),
    decidedByName: text("decided_by_name"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "string" }),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("indicator_returns_round_indicator_unique").on(table.roundId, table.agreementIndicatorId)],
);
