/** The catalogue, organisations and areas: reference data shared by every agreement. */
import { asc, eq } from "drizzle-orm";
import type { AreaView, IndicatorDefinitionView, OrganisationView } from "@accord/domain";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { notFound } from "../../errors.js";

export async function listIndicatorDefinitions(db: Db, key?: string): Promise<IndicatorDefinitionView[]> {
  const base = db.select().from(t.indicatorDefinitions).orderBy(asc(t.indicatorDefinitions.id));
  const definitions = key === undefined ? await base : await base.where(eq(t.indicatorDefinitions.key, key));
  const uses = await db
    .select({
      indicatorId: t.agreementIndicators.indicatorId,
      agreement: t.agreements.slug,
      shortName: t.agreements.shortName,
      kind: t.agreementIndicators.kind,
      state: t.agreementIndicators.state,
    })
    .from(t.agreementIndicators)
    .innerJoin(t.agreements, eq(t.agreements.id, t.agreementIndicators.agreementId))
    .orderBy(asc(t.agreements.firstYear));
  // Catalogue order: NIs by number, then local codes.
  const niNumber = (code: string): number => {
    const match = /^NI (\d+)$/.exec(code);
    return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
  };
  return definitions
    .sort((a, b) => niNumber(a.code) - niNumber(b.code) || a.code.localeCompare(b.code, "en", { numeric: true }))
    .map((definition) => ({
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
      usedIn: uses
        .filter((use) => use.indicatorId === definition.id)
        .map((use) => ({ agreement: use.agreement, shortName: use.shortName, kind: use.kind, state: use.state })),
    }));
}

export async function getIndicatorDefinition(db: Db, key: string): Promise<IndicatorDefinitionView> {
  const [definition] = await listIndicatorDefinitions(db, key);
  if (!definition) throw notFound(`Indicator "${key}"`, "key");
  return definition;
}

export async function listOrganisations(db: Db): Promise<OrganisationView[]> {
  const rows = await db
    .select({ organisation: t.organisations, area: { code: t.areas.code, name: t.areas.name } })
    .from(t.organisations)
    .leftJoin(t.areas, eq(t.areas.id, t.organisations.areaId))
    .orderBy(asc(t.organisations.name));
  return rows.map(({ organisation, area }) => ({
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind as OrganisationView["kind"],
    statutory: organisation.statutory,
    statutoryBasis: organisation.statutoryBasis,
    aliases: organisation.aliases,
    area,
    note: organisation.note,
  }));
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
