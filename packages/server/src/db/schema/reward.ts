/**
 * The Performance Reward Grant (seed 003 l.447, l.1135; seed 000 §12): the reward targets of an
 * agreement, each with its pot, the performance expected without the stretch and the stretch
 * target, and the assumptions behind an estimate for the whole agreement. Every figure may be
 * empty: the seeds give the £340m, 2%, £6m–£8m and £36m, and no pot for any one target.
 */
import { boolean, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { agreementIndicators, agreements } from "./agreements.js";

/** One LPSA2-style reward target: an agreement indicator whose stretch can earn part of a pot. */
export const rewardTargets = pgTable(
  "reward_targets",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    agreementIndicatorId: integer("agreement_indicator_id")
      .notNull()
      .references(() => agreementIndicators.id, { onDelete: "cascade" }),
    /** The reward grant this target can earn, in pounds. */
    pot: numeric("pot"),
    /** The performance expected without the stretch, at the end of the agreement. */
    withoutStretch: numeric("without_stretch"),
    stretchTarget: numeric("stretch_target"),
    /** Seed 003 l.1135's freedom: paid pro rata, without the 60% threshold. */
    proRata: boolean("pro_rata").notNull().default(false),
    note: text("note"),
    updatedByName: text("updated_by_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("reward_targets_agreement_indicator_unique").on(table.agreementIndicatorId)],
);

/** The assumptions of the whole-agreement estimate (KA2 style), one row per agreement. */
export const rewardAssumptions = pgTable(
  "reward_assumptions",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id").notNull().references(() => agreements.id, { onDelete: "cascade" }),
    nationalPot: numeric("national_pot"),
    previousNationalPot: numeric("previous_national_pot"),
    sharePercent: numeric("share_percent"),
    achievementPercent: numeric("achievement_percent"),
    quotedLow: numeric("quoted_low"),
    quotedHigh: numeric("quoted_high"),
    /** The predecessor agreement's total possible reward (KA1's £36m for KA2). */
    predecessorTotalPossible: numeric("predecessor_total_possible"),
    /** The agreement's own total possible reward, where it is known (KA1's £36m). */
    totalPossible: numeric("total_possible"),
    note: text("note"),
    updatedByName: text("updated_by_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("reward_assumptions_agreement_unique").on(table.agreementId)],
);
