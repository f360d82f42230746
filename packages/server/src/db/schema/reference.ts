/** Reference data shared by every agreement: areas, organisations, people, the indicator catalogue. */
import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const areas = pgTable("areas", {
  id: serial("id").primaryKey(),
  /** Current ONS (GSS) code. */
  code: text("code").notNull().unique(),
  /** The ONS code in use while the agreements ran (29UN for Thanet). */
  legacyCode: text("legacy_code"),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["county", "district", "ward", "lsoa"] }).notNull(),
  parentId: integer("parent_id"),
  /** The Local Strategic Partnership covering a district. */
  lsp: text("lsp"),
  note: text("note"),
});

export const organisations = pgTable("organisations", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  /** Named in the Local Government and Public Involvement in Health Act 2007 (seed 000 §9). */
  statutory: boolean("statutory").notNull(),
  statutoryBasis: text("statutory_basis"),
  aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
  areaId: integer("area_id").references(() => areas.id),
  note: text("note"),
  version: integer("version").notNull().default(1),
});

/** Accountable officers and other named people. */
export const people = pgTable("people", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email"),
  jobTitle: text("job_title"),
  organisationId: integer("organisation_id").references(() => organisations.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const indicatorDefinitions = pgTable(
  "indicator_definitions",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull(),
    /** Path-safe form of the code ("ni-47"). */
    key: text("key").notNull(),
    title: text("title").notNull(),
    titleStatus: text("title_status", { enum: ["known", "incomplete", "unknown"] }).notNull(),
    titleSource: text("title_source"),
    source: text("source", { enum: ["national-indicator-set", "lpsa2", "local"] }).notNull(),
    unit: text("unit"),
    polarity: text("polarity", { enum: ["higher-is-better", "lower-is-better", "band", "unknown"] }).notNull(),
    department: text("department"),
    dataSource: text("data_source"),
    frequency: text("frequency"),
    components: text("components").array().notNull().default(sql`'{all}'::text[]`),
    note: text("note"),
    version: integer("version").notNull().default(1),
  },
  (table) => [uniqueIndex("indicator_definitions_code_unique").on(table.code), uniqueIndex("indicator_definitions_key_unique").on(table.key)],
);
