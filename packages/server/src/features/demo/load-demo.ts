/**
 * Loads the Kent demo (reference data, both agreements and the demo accounts) from data/ in one
 * transaction. Idempotent: reference data is upserted, an agreement already present is left
 * alone, and demo accounts missing from an earlier, interrupted load are created.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { financialYearsBetween, indicatorKey, isNationalIndicator, plural, targetValue } from "@accord/domain";
import type { AgreementFile, AgreementIndicatorRecord, IndicatorDefinitionRecord } from "@accord/domain";
import { AppError } from "../../errors.js";
import type { Database, Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { readDataFiles } from "./data-files.js";
import type { DataFiles } from "./data-files.js";
import { OrganisationDirectory } from "./organisation-names.js";
import { createDemoUsers } from "./demo-users.js";
import { illustrativeFiguresAgreement, loadIllustrativeFigures } from "./illustrative-figures.js";
import { loadDemoFundingStreams } from "../funding/demo.js";
import { loadDemoRewardGrant } from "../reward/demo.js";
import { loadDemoConsultationDiary } from "../consultation/demo.js";
import type { IllustrativeFiguresReport } from "./illustrative-figures.js";
import { loadDemoDeliveryPlan } from "./delivery-plan.js";

export interface LoadReport {
  loaded: string[];
  demoUsers: number;
  alreadyPresent: string[];
  organisations: number;
  indicatorDefinitions: number;
  areas: number;
  /** The illustrative monitoring figures generated for Kent Agreement 2, when it was loaded now. */
  illustrativeFigures: IllustrativeFiguresReport | null;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Problem = { field: string; message: string };

/** Every name and code the agreements use must resolve before anything is written. */
function checkReferences(files: DataFiles, directory: OrganisationDirectory): Problem[] {
  const problems: Problem[] = [];
  const catalogueCodes = new Set(files.catalogue.indicators.map((indicator) => indicator.code));
  const areaCodes = new Set(files.areas.areas.map((area) => area.code));
  for (const agreement of files.agreements) {
    const where = (path: string): string => `${agreement.slug}: ${path}`;
    const checkOrganisation = (name: string, path: string): void => {
      if (!directory.resolve(name)) problems.push({ field: where(path), message: `organisation "${name}" is not in organisations.yaml` });
    };
    checkOrganisation(agreement.responsibleAuthority, "responsibleAuthority");
    checkOrganisation(agreement.governmentOffice, "governmentOffice");
    if (!areaCodes.has(agreement.area)) problems.push({ field: where("area"), message: `area ${agreement.area} is not in areas.yaml` });
    const checkIndicator = (record: AgreementIndicatorRecord, path: string): void => {
      if (isNationalIndicator(record.indicator) && !catalogueCodes.has(record.indicator)) {
        problems.push({ field: where(`${path}.indicator`), message: `${record.indicator} is not in ni-catalogue.yaml` });
      }
      record.partners.forEach((partner, index) => checkOrganisation(partner.organisation, `${path}.partners.${index}`));
    };
    agreement.themes.forEach((theme, themeIndex) => {
      theme.indicators.forEach((record, index) => checkIndicator(record, `themes.${themeIndex}.indicators.${index}`));
      theme.outcomes.forEach((outcome, outcomeIndex) => {
        const path = `themes.${themeIndex}.outcomes.${outcomeIndex}`;
        outcome.partners.forEach((partner, index) => checkOrganisation(partner.organisation, `${path}.partners.${index}`));
        outcome.indicators.forEach((record, index) => checkIndicator(record, `${path}.indicators.${index}`));
      });
    });
  }
  for (const organisation of files.organisations.organisations) {
    if (organisation.area && !areaCodes.has(organisation.area)) {
      problems.push({ field: `organisations.yaml: ${organisation.slug}.area`, message: `area ${organisation.area} is not in areas.yaml` });
    }
  }
  return problems;
}

/** Local indicators (KA1's) have no catalogue entry in data/; they are defined by the agreement. */
function localDefinitions(files: DataFiles): IndicatorDefinitionRecord[] {
  const definitions = new Map<string, IndicatorDefinitionRecord>();
  for (const agreement of files.agreements) {
    for (const record of allIndicatorRecords(agreement)) {
      if (isNationalIndicator(record.indicator) || definitions.has(record.indicator)) continue;
      definitions.set(record.indicator, {
        code: record.indicator,
        title: record.titleAsWritten ?? record.indicator,
        titleStatus: "known",
        titleSource: agreement.source,
        source: record.lpsa2 ? "lpsa2" : "local",
        polarity: "unknown",
        components: ["all"],
        ...(record.dataSource ? { dataSource: record.dataSource } : {}),
      });
    }
  }
  return [...definitions.values()];
}

function allIndicatorRecords(agreement: AgreementFile): AgreementIndicatorRecord[] {
  return agreement.themes.flatMap((theme) => [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)]);
}

async function upsertReferenceData(tx: Tx, files: DataFiles): Promise<{ areaIds: Map<string, number>; organisationIds: Map<string, number>; indicatorIds: Map<string, number> }> {
  const areaIds = new Map<string, number>();
  for (const area of files.areas.areas) {
    const values = {
      code: area.code,
      legacyCode: area.legacyCode ?? null,
      name: area.name,
      kind: area.kind,
      parentId: area.parent ? (areaIds.get(area.parent) ?? null) : null,
      lsp: area.lsp ?? null,
      note: area.note ?? null,
    };
    const [row] = await tx
      .insert(t.areas)
      .values(values)
      .onConflictDoUpdate({ target: t.areas.code, set: values })
      .returning({ id: t.areas.id });
    if (row) areaIds.set(area.code, row.id);
  }

  const organisationIds = new Map<string, number>();
  const organisationRows = files.organisations.organisations.map((organisation) => ({
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    statutory: organisation.statutory,
    statutoryBasis: organisation.statutoryBasis ?? null,
    aliases: organisation.aliases,
    areaId: organisation.area ? (areaIds.get(organisation.area) ?? null) : null,
    note: organisation.note ?? null,
  }));
  if (organisationRows.length > 0) {
    const rows = await tx
      .insert(t.organisations)
      .values(organisationRows)
      .onConflictDoUpdate({
        target: t.organisations.slug,
        set: {
          name: sql`excluded.name`,
          kind: sql`excluded.kind`,
          statutory: sql`excluded.statutory`,
          statutoryBasis: sql`excluded.statutory_basis`,
          aliases: sql`excluded.aliases`,
          areaId: sql`excluded.area_id`,
          note: sql`excluded.note`,
        },
      })
      .returning({ id: t.organisations.id, slug: t.organisations.slug });
    for (const row of rows) organisationIds.set(row.slug, row.id);
  }

  const indicatorIds = new Map<string, number>();
  const definitions = [...files.catalogue.indicators, ...localDefinitions(files)].map((definition) => ({
    code: definition.code,
    key: indicatorKey(definition.code),
    title: definition.title,
    titleStatus: definition.titleStatus,
    titleSource: definition.titleSource ?? null,
    source: definition.source,
    unit: definition.unit ?? null,
    polarity: definition.polarity,
    department: definition.department ?? null,
    dataSource: definition.dataSource ?? null,
    frequency: definition.frequency ?? null,
    components: definition.components,
    note: definition.note ?? null,
  }));
  if (definitions.length > 0) {
    const rows = await tx
      .insert(t.indicatorDefinitions)
      .values(definitions)
      .onConflictDoUpdate({
        target: t.indicatorDefinitions.code,
        set: {
          title: sql`excluded.title`,
          titleStatus: sql`excluded.title_status`,
          titleSource: sql`excluded.title_source`,
          source: sql`excluded.source`,
          unit: sql`excluded.unit`,
          polarity: sql`excluded.polarity`,
          department: sql`excluded.department`,
          dataSource: sql`excluded.data_source`,
          frequency: sql`excluded.frequency`,
          components: sql`excluded.components`,
          note: sql`excluded.note`,
        },
      })
      .returning({ id: t.indicatorDefinitions.id, code: t.indicatorDefinitions.code });
    for (const row of rows) indicatorIds.set(row.code, row.id);
  }
  return { areaIds, organisationIds, indicatorIds };
}

interface LoadContext {
  tx: Tx;
  directory: OrganisationDirectory;
  organisationIds: Map<string, number>;
  indicatorIds: Map<string, number>;
}

function organisationId(context: LoadContext, written: string, detail?: string): { id: number; detail: string | null } {
  const resolved = context.directory.resolve(written);
  const id = resolved ? context.organisationIds.get(resolved.slug) : undefined;
  if (!resolved || id === undefined) throw new AppError("INVALID_DATA", `organisation "${written}" is not in organisations.yaml`);
  return { id, detail: context.directory.meaningfulDetail(resolved.slug, detail ?? resolved.detail) };
}

/** Baseline of one component, for working out targets relative to it. */
function baselineFor(record: AgreementIndicatorRecord, component: string): string | null {
  const exact = record.baselines.find((baseline) => baseline.component === component);
  if (exact) return exact.value;
  return record.baselines.length === 1 && record.baselines[0] ? record.baselines[0].value : null;
}

async function insertAgreementIndicator(
  context: LoadContext,
  agreementId: number,
  themeId: number,
  outcomeId: number | null,
  record: AgreementIndicatorRecord,
  position: number,
): Promise<number> {
  const { tx } = context;
  const indicatorId = context.indicatorIds.get(record.indicator);
  if (indicatorId === undefined) throw new AppError("INVALID_DATA", `${record.indicator} is not in the catalogue`);
  const [row] = await tx
    .insert(t.agreementIndicators)
    .values({
      agreementId,
      indicatorId,
      themeId,
      outcomeId,
      kind: record.kind,
      state: record.state,
      replacementReason: record.replacementReason ?? null,
      titleAsWritten: record.titleAsWritten ?? null,
      dataSource: record.dataSource ?? null,
      lpsa2: record.lpsa2,
      targetNote: record.targetNote ?? null,
      notes: record.notes,
      position,
    })
    .returning({ id: t.agreementIndicators.id });
  if (!row) throw new Error("insert returned no row");
  const id = row.id;

  if (record.baselines.length > 0) {
    await tx.insert(t.baselines).values(
      record.baselines.map((baseline) => ({
        agreementIndicatorId: id,
        component: baseline.component,
        value: baseline.value,
        unit: baseline.unit ?? null,
        period: baseline.period ?? null,
        source: baseline.source ?? null,
        written: baseline.written,
      })),
    );
  }
  if (record.baselinePending) {
    await tx.insert(t.pendingBaselines).values({
      agreementIndicatorId: id,
      reason: record.baselinePending.reason,
      expectedBy: record.baselinePending.expectedBy ?? null,
      written: record.baselinePending.written,
    });
  }
  if (record.targets.length > 0) {
    // Targets are worked out year by year per component, so cumulative ones chain.
    const ordered = [...record.targets].sort((a, b) => a.year.localeCompare(b.year));
    const running = new Map<string, string | null>();
    const rows = ordered.map((target) => {
      const value = targetValue({
        target: target.target,
        baseline: baselineFor(record, target.component),
        previousCumulative: running.get(target.component) ?? null,
      });
      running.set(target.component, value);
      return {
        agreementIndicatorId: id,
        financialYear: target.year,
        component: target.component,
        form: target.target.form,
        target: target.target,
        value,
        writtenValue: target.writtenValue ?? null,
        written: target.written,
      };
    });
    await tx.insert(t.targets).values(rows);
  }
  if (record.negotiation.length > 0) {
    await tx.insert(t.negotiationStatusHistory).values(
      record.negotiation.map((entry) => ({
        agreementIndicatorId: id,
        asAt: entry.asAt,
        status: entry.status,
        party: entry.party,
        note: entry.note ?? null,
      })),
    );
  }
  if (record.partners.length > 0) {
    // One organisation may be written twice in one role (e.g. with two details); keep the first.
    const seen = new Set<string>();
    const rows = record.partners.flatMap((partner, index) => {
      const organisation = organisationId(context, partner.organisation, partner.detail);
      const key = `${organisation.id}:${partner.role}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ agreementIndicatorId: id, organisationId: organisation.id, role: partner.role, detail: organisation.detail, position: index }];
    });
    await tx.insert(t.partnerSignUps).values(rows);
  }
  return id;
}

async function insertAgreement(context: LoadContext, agreement: AgreementFile, areaIds: Map<string, number>): Promise<number> {
  const { tx } = context;
  financialYearsBetween(agreement.firstYear, agreement.lastYear);
  let predecessorId: number | null = null;
  if (agreement.predecessor) {
    const [predecessor] = await tx.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.slug, agreement.predecessor));
    predecessorId = predecessor?.id ?? null;
  }
  const areaId = areaIds.get(agreement.area);
  if (areaId === undefined) throw new AppError("INVALID_DATA", `area ${agreement.area} is not in areas.yaml`);
  const [row] = await tx
    .insert(t.agreements)
    .values({
      slug: agreement.slug,
      name: agreement.name,
      shortName: agreement.shortName,
      areaId,
      responsibleAuthorityId: organisationId(context, agreement.responsibleAuthority).id,
      governmentOfficeId: organisationId(context, agreement.governmentOffice).id,
      firstYear: agreement.firstYear,
      lastYear: agreement.lastYear,
      status: agreement.status,
      revision: agreement.revision,
      predecessorId,
      published: agreement.published,
      structure: agreement.structure,
      summary: agreement.summary ?? null,
      source: agreement.source,
    })
    .returning({ id: t.agreements.id });
  if (!row) throw new Error("insert returned no row");
  const agreementId = row.id;
  if (agreement.deadlines.length > 0) {
    await tx.insert(t.deadlines).values(agreement.deadlines.map((deadline) => ({ agreementId, name: deadline.name, date: deadline.date })));
  }

  const indicatorIdsByCode = new Map<string, number>();
  const outcomeIdsByNumber = new Map<number, number>();
  const themeIdsByCode = new Map<string, number>();
  let position = 0;
  for (const [themeIndex, theme] of agreement.themes.entries()) {
    const [themeRow] = await tx
      .insert(t.themes)
      .values({ agreementId, code: theme.code, title: theme.title, kind: theme.kind, description: theme.description ?? null, position: themeIndex })
      .returning({ id: t.themes.id });
    if (!themeRow) throw new Error("insert returned no row");
    themeIdsByCode.set(theme.code, themeRow.id);
    for (const record of theme.indicators) {
      indicatorIdsByCode.set(record.indicator, await insertAgreementIndicator(context, agreementId, themeRow.id, null, record, position++));
    }
    for (const outcome of theme.outcomes) {
      const [outcomeRow] = await tx
        .insert(t.outcomes)
        .values({
          agreementId,
          themeId: themeRow.id,
          number: outcome.number,
          title: outcome.title,
          deleted: outcome.deleted,
          deletedNote: outcome.deletedNote ?? null,
          lpsa2: outcome.lpsa2,
          sip: outcome.sip,
          notes: outcome.notes,
        })
        .returning({ id: t.outcomes.id });
      if (!outcomeRow) throw new Error("insert returned no row");
      outcomeIdsByNumber.set(outcome.number, outcomeRow.id);
      if (outcome.partners.length > 0) {
        await tx.insert(t.outcomePartners).values(
          outcome.partners.map((partner, index) => {
            const organisation = organisationId(context, partner.organisation, partner.detail);
            return { outcomeId: outcomeRow.id, organisationId: organisation.id, role: partner.role, detail: organisation.detail, position: index };
          }),
        );
      }
      for (const record of outcome.indicators) {
        indicatorIdsByCode.set(record.indicator, await insertAgreementIndicator(context, agreementId, themeRow.id, outcomeRow.id, record, position++));
      }
    }
  }

  // Replacement links once every indicator of the agreement exists (NI 170 → NI 159).
  for (const record of allIndicatorRecords(agreement)) {
    if (!record.replacedBy) continue;
    const replaced = indicatorIdsByCode.get(record.indicator);
    const replacement = indicatorIdsByCode.get(record.replacedBy);
    if (replaced === undefined || replacement === undefined) {
      throw new AppError("INVALID_DATA", `${agreement.slug}: ${record.indicator} is replaced by ${record.replacedBy}, which is not in the agreement`);
    }
    await tx.update(t.agreementIndicators).set({ replacedById: replacement }).where(eq(t.agreementIndicators.id, replaced));
  }

  for (const freedom of agreement.freedoms) {
    const themeId = freedom.block ? themeIdsByCode.get(freedom.block) : undefined;
    if (freedom.block && themeId === undefined) throw new AppError("INVALID_DATA", `${agreement.slug}: freedom ${freedom.number} names block ${freedom.block}, which is not a theme`);
    const [freedomRow] = await tx
      .insert(t.freedoms)
      .values({
        agreementId,
        number: freedom.number,
        title: freedom.title,
        problem: freedom.problem ?? null,
        freedomSought: freedom.freedomSought,
        priority: freedom.priority ?? null,
        benefitsToCentralGovernment: freedom.benefitsToCentralGovernment ?? null,
        benefitsToPartners: freedom.benefitsToPartners ?? null,
        benefitsToCommunity: freedom.benefitsToCommunity ?? null,
        scope: freedom.scope,
        themeId: themeId ?? null,
        department: freedom.department ?? null,
        status: freedom.status ?? null,
        notes: freedom.notes,
      })
      .returning({ id: t.freedoms.id });
    if (!freedomRow) throw new Error("insert returned no row");
    const outcomeIds = freedom.outcomes.map((number) => {
      const id = outcomeIdsByNumber.get(number);
      if (id === undefined) throw new AppError("INVALID_DATA", `${agreement.slug}: freedom ${freedom.number} names outcome ${number}, which is not in the agreement`);
      return id;
    });
    if (outcomeIds.length > 0) await tx.insert(t.freedomOutcomes).values(outcomeIds.map((outcomeId) => ({ freedomId: freedomRow.id, outcomeId })));
  }
  return agreementId;
}

export async function loadDemo(database: Database, dataFolder: string, agreementFiles?: readonly string[]): Promise<LoadReport> {
  const files = readDataFiles(dataFolder, agreementFiles);
  const directory = new OrganisationDirectory(files.organisations.organisations);
  const problems = checkReferences(files, directory);
  if (problems.length > 0) {
    throw new AppError("INVALID_DATA", `The data files have ${plural(problems.length, "unresolved reference")}; nothing was loaded`, { details: problems });
  }
  const loaded = await database.db.transaction(async (tx) => {
    const { areaIds, organisationIds, indicatorIds } = await upsertReferenceData(tx, files);
    const context: LoadContext = { tx, directory, organisationIds, indicatorIds };
    const slugs = files.agreements.map((agreement) => agreement.slug);
    const present = new Set(
      (await tx.select({ slug: t.agreements.slug }).from(t.agreements).where(inArray(t.agreements.slug, slugs))).map((row) => row.slug),
    );
    const report: LoadReport = {
      loaded: [],
      demoUsers: 0,
      alreadyPresent: [],
      organisations: organisationIds.size,
      indicatorDefinitions: indicatorIds.size,
      areas: areaIds.size,
      illustrativeFigures: null,
    };
    for (const agreement of files.agreements) {
      if (present.has(agreement.slug)) {
        report.alreadyPresent.push(agreement.slug);
        continue;
      }
      const agreementId = await insertAgreement(context, agreement, areaIds);
      await loadDemoRewardGrant(tx, files.rewardGrant, agreement.slug, agreementId);
      await loadDemoConsultationDiary(tx, files.consultationDiary, agreement.slug, agreementId);
      await loadDemoFundingStreams(tx, files.fundingStreams, agreement.slug, agreementId);
      // Only with the agreement itself: an agreement already present may hold real figures by now.
      if (agreement.slug === illustrativeFiguresAgreement) {
        report.illustrativeFigures = await loadIllustrativeFigures(tx, agreementId);
        await loadDemoDeliveryPlan(tx, agreementId);
      }
      report.loaded.push(agreement.slug);
    }
    // In the same transaction, after the agreements (officers' grants name their indicators):
    // a load stopped half-way keeps nothing, and the next one does it all.
    report.demoUsers = await createDemoUsers(tx);
    return report;
  });
  return loaded;
}
