/**
 * The consultation diary of an agreement (seed 003 §2 and its Appendix 6): the main consultation
 * events — workshops, briefings, position statements, meetings, reports — with who was asked,
 * how many, what came of it and the documents that went with it.
 */
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { agreements } from "./agreements.js";

export const consultationEvents = pgTable(
  "consultation_events",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    /** The day the diary is ordered by. */
    date: date("date", { mode: "string" }).notNull(),
    /** When, in the documents' words ("before Christmas 2004"), where they give no exact day. */
    whenWritten: text("when_written"),
    /** workshop, briefing, position statement, meeting, report. */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    audience: text("audience"),
    organisationsInvited: jsonb("organisations_invited").$type<string[]>().notNull().default([]),
    numberConsulted: integer("number_consulted"),
    /** "over 120": the number is a floor, not a count. */
    numberConsultedIsMinimum: boolean("number_consulted_is_minimum").notNull().default(false),
    outcome: text("outcome"),
    /** The documents' titles. */
    documents: jsonb("documents").$type<string[]>().notNull().default([]),
    updatedByName: text("updated_by_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [index("consultation_events_agreement_date").on(table.agreementId, table.date)],
);
