/**
 * Countywide delivery plans (seed 000 §10: "a countywide delivery plan for each of the 35
 * indicators … led by the facilitating officer nominated by the lead partner … developed in
 * conjunction with other delivery partners"). One plan per agreement indicator; its actions,
 * milestones, risks and contributing partners are written whole with the plan, under its version.
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, integer, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { agreementIndicators } from "./agreements.js";
import { organisations } from "./reference.js";
import { users } from "./access.js";
import { deliveryActionStatuses } from "@accord/domain";



export const deliveryPlans = pgTable("delivery_plans", {
  id: serial("id").primaryKey(),
  agreementIndicatorId: integer("agreement_indicator_id")
    .notNull()
    .unique()
    .references(() => agreementIndicators.id, { onDelete: "cascade" }),
  /** The date the actions' progress is reported as at: an action due before it and not complete is overdue. */
  progressAsAt: date("progress_as_at", { mode: "string" }).notNull(),
  /** Where the plan's figures come from; the demo's say they are illustrative. */
  source: text("source"),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedByName: text("updated_by_name").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

export const deliveryActions = pgTable(
  "delivery_actions",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => deliveryPlans.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    what: text("what").notNull(),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
    officer: text("officer"),
    startDate: date("start_date", { mode: "string" }),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: text("status", { enum: deliveryActionStatuses }).notNull(),
    percentComplete: integer("percent_complete").notNull().default(0),
  },
  (table) => [
    check("delivery_actions_percent", sql`${table.percentComplete} between 0 and 100`),
    check("delivery_actions_dates_in_order", sql`${table.startDate} is null or ${table.startDate} <= ${table.dueDate}`),
  ],
);

export const deliveryMilestones = pgTable("delivery_milestones", {
  id: serial("id").primaryKey(),
  planId: integer("plan_id").notNull().references(() => deliveryPlans.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  what: text("what").notNull(),
  date: date("date", { mode: "string" }).notNull(),
  met: boolean("met").notNull().default(false),
});

export const deliveryRisks = pgTable(
  "delivery_risks",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => deliveryPlans.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    description: text("description").notNull(),
    likelihood: integer("likelihood").notNull(),
    impact: integer("impact").notNull(),
    mitigation: text("mitigation"),
    owner: text("owner"),
  },
  (table) => [
    check("delivery_risks_likelihood", sql`${table.likelihood} between 1 and 5`),
    check("delivery_risks_impact", sql`${table.impact} between 1 and 5`),
  ],
);

/** The signed-up partners who contribute to the plan's delivery. */
export const deliveryPartners = pgTable(
  "delivery_partners",
  {
    planId: integer("plan_id").notNull().references(() => deliveryPlans.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
    position: integer("position").notNull(),
  },
  (table) => [primaryKey({ columns: [table.planId, table.organisationId] })],
);
