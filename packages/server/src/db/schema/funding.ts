/**
 * Funding streams of an agreement (seed 003 §5, Appendix 5): each stream's department, amount by
 * financial year, kind, block or outcome and accountable partner; and the accountable partners'
 * recorded consents, without which money is never moved between organisations (seed 003 l.423).
 */
import { boolean, date, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { agreements } from "./agreements.js";
import { organisations } from "./reference.js";

export const fundingStreams = pgTable(
  "funding_streams",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    /** The stream's name in the URL, e.g. stronger-and-safer-communities-fund. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    department: text("department"),
    /** pooled, aligned or mainstream; empty where the seeds do not say. */
    kind: text("kind", { enum: ["pooled", "aligned", "mainstream"] }),
    blockOrOutcome: text("block_or_outcome"),
    accountableOrganisationId: integer("accountable_organisation_id").references(() => organisations.id),
    /** Seed 003 l.423: the Stronger and Safer Communities Fund needs advance designation in the LAA. */
    advanceDesignation: boolean("advance_designation").notNull().default(false),
    /** Pounds by financial year ("2005/06": "1250000.00"), exact decimals as text; may be empty. */
    amounts: jsonb("amounts").$type<Record<string, string>>().notNull().default({}),
    note: text("note"),
    updatedByName: text("updated_by_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("funding_streams_agreement_key_unique").on(table.agreementId, table.key)],
);

/** An accountable partner's consent to money moving from it to another organisation. */
export const fundingConsents = pgTable("funding_consents", {
  id: serial("id").primaryKey(),
  agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
  fundingStreamId: integer("funding_stream_id").notNull().references(() => fundingStreams.id, { onDelete: "cascade" }),
  fromOrganisationId: integer("from_organisation_id").notNull().references(() => organisations.id),
  toOrganisationId: integer("to_organisation_id").notNull().references(() => organisations.id),
  consentedBy: text("consented_by").notNull(),
  consentedOn: date("consented_on", { mode: "string" }).notNull(),
  note: text("note").notNull(),
  recordedByName: text("recorded_by_name").notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});
