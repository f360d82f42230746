/** E-mail: the addresses a manager adds to an agreement's bulletin, and every message sent. */
import { bigserial, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { agreements } from "./agreements.js";
import { bulletins, users } from "./access.js";

/** People without an account who receive the bulletin (in 2008 some 200 officers and members). */
export const distributionList = pgTable(
  "distribution_list",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    /** Stored lower-case, like account e-mail addresses. */
    email: text("email").notNull(),
    name: text("name"),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("distribution_list_agreement_email_unique").on(table.agreementId, table.email)],
);

export const deliveryStatuses = ["sending", "accepted", "failed"] as const;

/**
 * One message to one address: a bulletin to a reader or an invitation to a new account. Written
 * as "sending" in the transaction that issues the bulletin (so a rolled-back issue leaves none),
 * then marked accepted or failed with the server's answer once the transaction has committed.
 */
export const mailDeliveries = pgTable(
  "mail_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind", { enum: ["bulletin", "invitation"] }).notNull(),
    agreementId: integer("agreement_id").references(() => agreements.id, { onDelete: "cascade" }),
    bulletinId: integer("bulletin_id").references(() => bulletins.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    recipient: text("recipient").notNull(),
    /** Why this address gets it: "manager", "partner for Kent Police", "distribution list"… */
    reason: text("reason").notNull(),
    status: text("status", { enum: deliveryStatuses }).notNull().default("sending"),
    /** The SMTP server's refusal, or why the connection failed. */
    failure: text("failure"),
    attempts: integer("attempts").notNull().default(0),
    /** When the current attempt started: a resend claims a row only if no attempt is under way. */
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [index("mail_deliveries_bulletin").on(table.bulletinId), index("mail_deliveries_user").on(table.userId)],
);
