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
import { agreementIndicators } from "./agreements.js";
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
