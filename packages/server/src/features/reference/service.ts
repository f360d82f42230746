/** The catalogue, organisations and areas: reference data shared by every agreement. */
import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import { containing } from "../../db/like.js";
import { indicatorKey } from "@accord/domain";
import type { AreaView, CatalogueView, IndicatorDefinitionView, OrganisationView } from "@accord/domain";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError, notFound } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import { StaleVersionError, history } from "../indicators/service.js";
import { findCatalogueDepartments, findCataloguePage } from "./queries.js";
import type { CatalogueQuery, CreateIndicatorBody, OrganisationQuery, UpdateIndicatorBody } from "./schema.js";
import type { HistoryQuery } from "../indicators/schema.js";

type DefinitionRow = typeof t.indicatorDefinitions.$inferSelect;
type Use = Awaited<ReturnType<typeof findCataloguePage>>["uses"][number];

function presentDefinition(definition: DefinitionRow, uses: Use[]): IndicatorDefinitionView {
  return {
    key: definition.key,
    code: definition.code,
    title: definition.title,
    titleStatus: definition.titleStatus,
    titleSource: definition.titleSource,
    source: definition.source,
    unit: definition.unit,
    polarity: definition.polarity,
    department: definition.department,
    dataSource: definition.dataSource,
    components: definition.components,
    note: definition.note,
    version: definition.version,
    usedIn: usesOf(definition, uses),
  };
}

/** One line per agreement using the definition, with the codes it replaced or was replaced by there. */
function usesOf(definition: DefinitionRow, uses: Use[]): IndicatorDefinitionView["usedIn"] {
  const lines: IndicatorDefinitionView["usedIn"] = [];
  for (const use of uses.filter((candidate) => candidate.indicatorId === definition.id)) {
    // Two predecessors replaced by one indicator come as two rows of one use.
    const same = lines.find((line) => line.agreement === use.agreement && line.kind === use.kind && line.state === use.state && line.replacedBy === use.replacedBy);
    if (same && use.replaces !== null) {
      if (!same.replaces.includes(use.replaces)) same.replaces.push(use.replaces);
      continue;
    }
    lines.push({ agreement: use.agreement, shortName: use.shortName, kind: use.kind, state: use.state, replacedBy: use.replacedBy, replaces: use.replaces === null ? [] : [use.replaces] });
  }
  return lines;
}

/** One page of the catalogue as the reader may see it: unpublished agreements stay out of it. */
export async function listCatalogue(db: Db, actor: Actor | null, query: CatalogueQuery): Promise<CatalogueView> {
  const [{ rows, uses, total }, departments] = await Promise.all([findCataloguePage(db, actor, query), findCatalogueDepartments(db)]);
  return { indicators: rows.map((row) => presentDefinition(row, uses)), total, page: query.page, limit: query.limit, departments };
}

export async function getIndicatorDefinition(db: Db, actor: Actor | null, key: string): Promise<IndicatorDefinitionView> {
  const { rows, uses } = await findCataloguePage(db, actor, { key, page: 1, limit: 1 });
  const [definition] = rows;
  // An indicator only an unreadable agreement uses answers as if it did not exist.
  if (!definition) throw notFound(`The catalogue entry "${key}"`, "key");
  return presentDefinition(definition, uses);
}

const changeable = (row: DefinitionRow) => ({
  code: row.code,
  title: row.title,
  titleSource: row.titleSource,
  source: row.source,
  unit: row.unit,
  polarity: row.polarity,
  department: row.department,
  note: row.note,
  version: row.version,
});

/** A manager adds an NI (or an LPSA2 target) the catalogue lacked, saying where it comes from. */
export async function createIndicatorDefinition(options: { db: Db; actor: Actor | null; body: CreateIndicatorBody }): Promise<IndicatorDefinitionView> {
  const { db, actor, body } = options;
  ensureAllowed(actor, "editCatalogue", { type: "catalogue" });
  const key = indicatorKey(body.code);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ code: t.indicatorDefinitions.code })
      .from(t.indicatorDefinitions)
      .where(or(eq(t.indicatorDefinitions.code, body.code), eq(t.indicatorDefinitions.key, key)));
    if (existing) throw new AppError("CONFLICT", `${existing.code} is already in the catalogue; change that entry instead`, { field: "code" });
    const inserted = await tx
      .insert(t.indicatorDefinitions)
      .values({
        code: body.code,
        key,
        title: body.title,
        titleStatus: "known",
        titleSource: body.titleSource,
        source: body.source,
        unit: body.unit ?? null,
        polarity: body.polarity,
        department: body.department ?? null,
        note: body.note ?? null,
      })
      // Two managers adding the same code at once: the second is told, not given a 500.
      .onConflictDoNothing()
      .returning();
    const [row] = inserted;
    if (!row) throw new AppError("CONFLICT", `${body.code} is already in the catalogue; change that entry instead`, { field: "code" });
    await recordAudit(tx, { actor, action: "catalogue.add", entityType: "indicatorDefinition", entityId: row.id, agreementId: null, before: null, after: changeable(row) });
    return presentDefinition(row, []);
  });
}

export async function updateIndicatorDefinition(options: { db: Db; actor: Actor | null; key: string; body: UpdateIndicatorBody }): Promise<IndicatorDefinitionView> {
  const { db, actor, key, body } = options;
  ensureAllowed(actor, "editCatalogue", { type: "catalogue" });
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(t.indicatorDefinitions).where(eq(t.indicatorDefinitions.key, key));
    if (!before) throw notFound(`The catalogue entry "${key}"`, "key");
    if (before.source === "local") throw new AppError("BAD_REQUEST", `${before.code} is a local indicator of its agreement, not a catalogue entry`, { field: "key" });
    if (before.version !== body.version) throw new StaleVersionError(`The catalogue entry for ${before.code}`, changeable(before));
    const { version, ...changes } = body;
    const [after] = await tx
      .update(t.indicatorDefinitions)
      .set({ ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)), version: version + 1 })
      .where(and(eq(t.indicatorDefinitions.id, before.id), eq(t.indicatorDefinitions.version, version)))
      .returning();
    if (!after) throw new StaleVersionError(`The catalogue entry for ${before.code}`, changeable(before));
    await recordAudit(tx, { actor, action: "catalogue.update", entityType: "indicatorDefinition", entityId: after.id, agreementId: null, before: changeable(before), after: changeable(after) });
  });
  return getIndicatorDefinition(db, actor, key);
}

/** Who changed a catalogue entry, when, from what to what. */
export async function catalogueHistory(db: Db, actor: Actor | null, key: string, paging: HistoryQuery) {
  await getIndicatorDefinition(db, actor, key);
  const [row] = await db.select({ id: t.indicatorDefinitions.id }).from(t.indicatorDefinitions).where(eq(t.indicatorDefinitions.key, key));
  return history(db, "indicatorDefinition", row?.id ?? 0, paging);
}

/** A page of organisations by name; `q` matches the name, an alias or the slug, in SQL. */
export async function listOrganisations(db: Db, query: OrganisationQuery = { page: 1, limit: 200 }) {
  const pattern = query.q === undefined || query.q === "" ? null : containing(query.q);
  const matching =
    pattern === null
      ? undefined
      : or(
          ilike(t.organisations.name, pattern),
          ilike(t.organisations.slug, pattern),
          sql`array_to_string(${t.organisations.aliases}, ' ') ilike ${pattern}`,
        );
  const [rows, [counted]] = await Promise.all([
    db
      .select({ organisation: t.organisations, area: { code: t.areas.code, name: t.areas.name } })
      .from(t.organisations)
      .leftJoin(t.areas, eq(t.areas.id, t.organisations.areaId))
      .where(matching)
      .orderBy(asc(t.organisations.name), asc(t.organisations.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    db.select({ total: count() }).from(t.organisations).where(matching),
  ]);
  const organisations = rows.map(({ organisation, area }): OrganisationView => ({
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind as OrganisationView["kind"],
    statutory: organisation.statutory,
    statutoryBasis: organisation.statutoryBasis,
    aliases: organisation.aliases,
    area,
    note: organisation.note,
  }));
  return { organisations, page: query.page, limit: query.limit, total: counted?.total ?? 0 };
}

export async function listAreas(db: Db): Promise<AreaView[]> {
  const parent = alias(t.areas, "parent");
  const rows = await db
    .select({ area: t.areas, parentCode: parent.code })
    .from(t.areas)
    .leftJoin(parent, eq(parent.id, t.areas.parentId))
    .orderBy(asc(t.areas.id));
  return rows.map(({ area, parentCode }) => ({
    code: area.code,
    legacyCode: area.legacyCode,
    name: area.name,
    kind: area.kind,
    parent: parentCode,
    lsp: area.lsp,
    note: area.note,
  }));
}
