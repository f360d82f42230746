/**
 * Import an agreement from a table (issue 10 point 4): the preview shows every row as it will be
 * read and every problem; the import creates a draft agreement in one transaction, or nothing.
 * Codes the catalogue does not know are added to it marked "unknown", titled only as the table
 * titles them; partners the installation does not know are added as organisations.
 */
import { eq, inArray } from "drizzle-orm";
import { baselineLines, componentLabel, describeTarget, indicatorKey, plural, targetLines, targetValue } from "@accord/domain";
import type { AgreementIndicatorKind } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { whenAlreadyCreated } from "../../db/unique-violations.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { maximumDesignated } from "../choosing/service.js";
import { normaliseName } from "../demo/organisation-names.js";
import { parseCsv, cellText } from "../returns/template-csv.js";
import { parseAgreementTable, problemText } from "./parse.js";
import type { GridRow, ImportedRow, ImportedTable, TableProblem } from "./parse.js";
import type { ImportPreview } from "./schema.js";

export interface ImportAgreementOptions {
  db: Db;
  actor: Actor;
  file: Buffer;
  /** The file's name, kept as the agreement's source. */
  fileName?: string | undefined;
  slug?: string | undefined;
  name?: string | undefined;
  /** The ONS code of the area the agreement covers; by default the installation's only county. */
  area?: string | undefined;
  dryRun: boolean;
}

function isZip(file: Buffer): boolean {
  return file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
}

/** The first sheet of a workbook, or CSV text, as rows of cell text; 400 for anything else. */
export async function readTableFile(file: Buffer): Promise<GridRow[]> {
  if (file.length === 0) throw new AppError("BAD_REQUEST", "The file is empty: send the agreement's table (XLSX or CSV).", { field: "file" });
  if (isZip(file)) {
    try {
      const rows = await (await import("../returns/template-xlsx.js")).readTemplateXlsx(file);
      // The apostrophe Accord's own export puts before "+1356" is taken off again.
      return rows.map(({ row, cells }) => ({ row, cells: cells.map(cellText) }));
    } catch {
      throw new AppError("BAD_REQUEST", "The file is a ZIP archive but not an Excel workbook that can be read: save it as .xlsx and try again.", { field: "file" });
    }
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(file);
    return parseCsv(text).map(({ row, cells }) => ({ row, cells: cells.map(cellText) }));
  } catch {
    throw new AppError("BAD_REQUEST", 'The file is neither an Excel workbook (.xlsx) nor CSV text in UTF-8: in Excel, save it as "CSV UTF-8" or as a workbook.', { field: "file" });
  }
}

const slugPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;

function slugOf(text: string): string {
  return text.toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
}

/** "Kent Agreement 2 — submission template as at 1 May 2008" → "Kent Agreement 2". */
function nameFromTitle(title: string | null): string | null {
  if (!title) return null;
  const name = title.split(/\s+[—–-]\s+submission template/i)[0]?.trim() ?? "";
  return name === "" ? null : name.slice(0, 200);
}

/** Accord's template notes an omitted indicator under it: "Proposed to omit, replaced by NI 159". */
function omission(row: ImportedRow): { replacedBy: string | null } | null {
  const note = row.notes.find((line) => /^proposed to omit\b/i.test(line));
  if (!note) return null;
  return { replacedBy: /replaced by (.+)$/i.exec(note)?.[1]?.trim() ?? null };
}

function kindOf(row: ImportedRow): AgreementIndicatorKind {
  if (!row.nationalIndicatorSet) return "local";
  return /statutory/i.test(row.theme) ? "statutory" : "designated";
}

interface Organisation {
  id: number;
  slug: string;
  name: string;
  statutory: boolean;
  spellings: string[];
}

interface Plan {
  table: ImportedTable;
  problems: TableProblem[];
  slug: string;
  name: string;
  area: { id: number; code: string; name: string } | null;
  responsibleAuthority: Organisation | null;
  governmentOffice: Organisation | null;
  definitions: Map<string, { id: number; title: string }>;
  organisations: Map<string, Organisation>;
  newOrganisations: string[];
}

async function planImport(db: Db | Tx, options: ImportAgreementOptions, table: ImportedTable): Promise<Plan> {
  const problems = [...table.problems];
  const whole = (message: string) => problems.push({ row: null, column: null, message });
  const name = options.name?.trim() || nameFromTitle(table.title) || options.fileName?.replace(/\.[a-z]+$/i, "") || "Imported agreement";
  const slug = options.slug ?? slugOf(name);
  if (!slugPattern.test(slug)) whole(`'${slug}' cannot be the agreement's slug: use lower-case letters, digits and hyphens.`);
  else {
    const [existing] = await db.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.slug, slug));
    if (existing) whole(`An agreement ${slug} already exists: give the import another slug (a refresh of an existing agreement is not imported yet).`);
  }

  const areas = await db.select({ id: t.areas.id, code: t.areas.code, name: t.areas.name, kind: t.areas.kind }).from(t.areas);
  let area: Plan["area"] = null;
  if (options.area !== undefined) {
    area = areas.find((candidate) => candidate.code === options.area) ?? null;
    if (!area) whole(`The area ${options.area} is not in this installation: give the ONS code of an area it has.`);
  } else {
    const counties = areas.filter((candidate) => candidate.kind === "county");
    if (counties.length === 1) area = counties[0] ?? null;
    else whole("Say which area the agreement covers (area=<ONS code>): this installation has more than one county.");
  }

  const organisationRows = await db
    .select({ id: t.organisations.id, slug: t.organisations.slug, name: t.organisations.name, kind: t.organisations.kind, statutory: t.organisations.statutory, aliases: t.organisations.aliases, areaId: t.organisations.areaId })
    .from(t.organisations);
  const bySpelling = new Map<string, Organisation>();
  for (const row of organisationRows) {
    const organisation = { id: row.id, slug: row.slug, name: row.name, statutory: row.statutory, spellings: [row.name, row.slug, ...row.aliases] };
    for (const spelling of organisation.spellings) bySpelling.set(normaliseName(spelling), organisation);
  }
  const councils = organisationRows.filter((row) => area !== null && row.areaId === area.id && /council/.test(row.kind));
  const responsibleAuthority = councils[0] ? (bySpelling.get(normaliseName(councils[0].slug)) ?? null) : null;
  if (area && !responsibleAuthority) whole(`No council of ${area.name} is in this installation to be the agreement's responsible authority.`);
  const offices = organisationRows.filter((row) => row.kind === "government-office");
  const governmentOffice = offices.length === 1 && offices[0] ? (bySpelling.get(normaliseName(offices[0].slug)) ?? null) : null;
  if (!governmentOffice) whole("This installation has no single Government Office to negotiate the agreement with.");

  const codes = table.rows.map((row) => row.code);
  const definitions = new Map<string, { id: number; title: string }>();
  if (codes.length > 0) {
    const found = await db.select({ id: t.indicatorDefinitions.id, code: t.indicatorDefinitions.code, title: t.indicatorDefinitions.title }).from(t.indicatorDefinitions).where(inArray(t.indicatorDefinitions.code, codes));
    for (const row of found) definitions.set(row.code, { id: row.id, title: row.title });
  }
  const designated = table.rows.filter((row) => kindOf(row) === "designated" && omission(row) === null).length;
  if (designated > maximumDesignated) whole(`The table has ${designated} designated indicators: an agreement has at most ${maximumDesignated}.`);

  const organisations = new Map<string, Organisation>();
  const newOrganisations: string[] = [];
  for (const partner of table.rows.flatMap((row) => row.partners)) {
    const key = normaliseName(partner.name);
    const known = bySpelling.get(key);
    if (known) organisations.set(key, known);
    else if (!newOrganisations.some((written) => normaliseName(written) === key)) newOrganisations.push(partner.name);
  }
  return { table, problems, slug, name, area, responsibleAuthority, governmentOffice, definitions, organisations, newOrganisations };
}

function targetNoteOf(row: ImportedRow): string | null {
  const lines = [...row.targetWording.map((wording) => `${wording.year}: ${wording.written}`), ...(row.targetNote ? [row.targetNote] : [])];
  return lines.length === 0 ? null : lines.join("\n");
}

function notesOf(row: ImportedRow): string[] {
  return [...row.notes, ...(row.refreshStatus ? [`Refresh status: ${row.refreshStatus}`] : [])];
}

function previewOf(plan: Plan, dryRun: boolean, created: boolean): ImportPreview {
  const { table } = plan;
  return {
    dryRun,
    created,
    agreement: {
      slug: plan.slug,
      name: plan.name,
      area: plan.area ? { code: plan.area.code, name: plan.area.name } : null,
      responsibleAuthority: plan.responsibleAuthority?.name ?? null,
      governmentOffice: plan.governmentOffice?.name ?? null,
      years: table.years,
      status: "draft",
    },
    rows: table.rows.map((row) => {
      const worded = {
        baselines: row.baselines,
        baselinePending: row.baselinePending,
        targets: row.targets.map((target) => ({ year: target.year, component: target.component, written: target.written })),
      };
      return {
        row: row.row,
        theme: row.theme,
        code: row.code,
        title: row.title,
        catalogued: plan.definitions.has(row.code),
        nationalIndicatorSet: row.nationalIndicatorSet,
        kind: kindOf(row),
        baseline: baselineLines(worded),
        baselines: row.baselines.map((baseline) => ({ component: baseline.component, value: baseline.value, unit: baseline.unit, period: baseline.period, written: baseline.written })),
        targets: table.years.map((year) => ({
          year,
          written: targetLines(worded, year),
          read: row.targets.filter((target) => target.year === year).map((target) => `${componentLabel(target.component)}: ${describeTarget(target.target)}`),
        })),
        targetNote: targetNoteOf(row),
        partners: row.partners.map((partner) => ({
          name: partner.name,
          role: partner.role === "lead" ? "lead" : partner.role ?? (plan.organisations.get(normaliseName(partner.name))?.statutory ? "statutory" : "non-statutory"),
          detail: partner.detail,
          known: plan.organisations.has(normaliseName(partner.name)),
        })),
        notes: notesOf(row),
      };
    }),
    problems: plan.problems.map((problem) => ({ ...problem, text: problemText(problem) })),
    newIndicators: table.rows.filter((row) => !plan.definitions.has(row.code)).map((row) => ({ code: row.code, title: row.title })),
    newOrganisations: plan.newOrganisations,
  };
}

function refusal(plan: Plan): AppError {
  const rows = new Set(plan.problems.map((problem) => problem.row).filter((row) => row !== null)).size;
  return new AppError(
    "BAD_REQUEST",
    `Nothing was imported: the table has ${plural(plan.problems.length, "problem")}${rows > 0 ? ` on ${plural(rows, "row")}` : ""}. Correct them and send the whole table again.`,
    {
      field: "file",
      details: plan.problems.map((problem) => ({
        field: [problem.row === null ? null : `row ${problem.row}`, problem.column === null ? null : `column '${problem.column}'`].filter(Boolean).join(", ") || "file",
        message: problem.message,
      })),
    },
  );
}

async function writeAgreement(tx: Tx, plan: Plan, options: ImportAgreementOptions): Promise<number> {
  const { table, area, responsibleAuthority, governmentOffice } = plan;
  const firstYear = table.years[0];
  const lastYear = table.years[table.years.length - 1];
  if (!area || !responsibleAuthority || !governmentOffice || !firstYear || !lastYear) throw refusal(plan);
  const source = `Imported from ${options.fileName ?? "a table"}`;

  for (const written of plan.newOrganisations) {
    let slug = slugOf(written) || "organisation";
    const [taken] = await tx.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.slug, slug));
    if (taken) slug = `${slug}-${plan.slug}`.slice(0, 120);
    const [row] = await tx
      .insert(t.organisations)
      .values({ slug, name: written, kind: "other", statutory: false, note: `Named as a partner in ${source.toLowerCase()}; not otherwise known to Accord.` })
      .returning({ id: t.organisations.id });
    if (!row) throw new Error("insert returned no row");
    plan.organisations.set(normaliseName(written), { id: row.id, slug, name: written, statutory: false, spellings: [written] });
  }

  for (const row of table.rows) {
    if (plan.definitions.has(row.code)) continue;
    const values = {
      code: row.code,
      key: indicatorKey(row.code),
      // Never a title the table does not give: the code stands in, and the entry says it is unknown.
      title: row.title ?? row.code,
      titleStatus: "unknown" as const,
      titleSource: source,
      source: "local" as const,
      polarity: "unknown" as const,
      components: row.baselines.length > 0 ? row.baselines.map((baseline) => baseline.component) : ["all"],
      note: `Not in the catalogue when ${plan.slug} was imported: added with the code${row.title ? " and title" : ""} the table gave.`,
    };
    const [definition] = await tx.insert(t.indicatorDefinitions).values(values).returning();
    if (!definition) throw new Error("insert returned no row");
    plan.definitions.set(row.code, { id: definition.id, title: definition.title });
    await recordAudit(tx, { actor: options.actor, action: "catalogue.add", entityType: "indicatorDefinition", entityId: definition.id, agreementId: null, before: null, after: values });
  }

  const [agreement] = await tx
    .insert(t.agreements)
    .values({
      slug: plan.slug,
      name: plan.name,
      shortName: plan.name.slice(0, 60),
      areaId: area.id,
      responsibleAuthorityId: responsibleAuthority.id,
      governmentOfficeId: governmentOffice.id,
      firstYear,
      lastYear,
      status: "draft",
      structure: "themes",
      source,
    })
    .returning({ id: t.agreements.id });
  if (!agreement) throw new Error("insert returned no row");
  const agreementId = agreement.id;

  const themeIds = new Map<string, number>();
  const indicatorIds = new Map<string, number>();
  for (const [position, row] of table.rows.entries()) {
    let themeId = themeIds.get(row.theme);
    if (themeId === undefined) {
      const [theme] = await tx
        .insert(t.themes)
        .values({
          agreementId,
          code: slugOf(row.theme) || `theme-${themeIds.size + 1}`,
          title: row.theme,
          kind: /statutory/i.test(row.theme) ? "statutory-group" : "theme",
          position: themeIds.size,
        })
        .returning({ id: t.themes.id });
      if (!theme) throw new Error("insert returned no row");
      themeId = theme.id;
      themeIds.set(row.theme, themeId);
    }
    const definition = plan.definitions.get(row.code);
    if (!definition) throw new Error(`${row.code} has no catalogue entry`);
    const [indicator] = await tx
      .insert(t.agreementIndicators)
      .values({
        agreementId,
        indicatorId: definition.id,
        themeId,
        kind: kindOf(row),
        state: omission(row) ? "omitted" : "active",
        titleAsWritten: row.title !== null && row.title !== definition.title ? row.title : null,
        targetNote: targetNoteOf(row),
        notes: notesOf(row),
        position,
      })
      .returning({ id: t.agreementIndicators.id });
    if (!indicator) throw new Error("insert returned no row");
    const agreementIndicatorId = indicator.id;
    if (row.baselines.length > 0) {
      await tx.insert(t.baselines).values(row.baselines.map((baseline) => ({ agreementIndicatorId, ...baseline, source })));
    }
    if (row.baselinePending) {
      await tx.insert(t.pendingBaselines).values({ agreementIndicatorId, reason: row.baselinePending.reason, written: row.baselinePending.written });
    }
    if (row.targets.length > 0) {
      const running = new Map<string, string | null>();
      const baselineOf = (component: string) =>
        row.baselines.find((baseline) => baseline.component === component)?.value ?? (row.baselines.length === 1 ? (row.baselines[0]?.value ?? null) : null);
      const ordered = [...row.targets].sort((a, b) => a.year.localeCompare(b.year));
      await tx.insert(t.targets).values(
        ordered.map((target) => {
          const value = targetValue({ target: target.target, baseline: baselineOf(target.component), previousCumulative: running.get(target.component) ?? null });
          running.set(target.component, value);
          return {
            agreementIndicatorId,
            financialYear: target.year,
            component: target.component,
            form: target.target.form,
            target: target.target,
            value,
            writtenValue: target.writtenValue,
            written: target.written,
          };
        }),
      );
    }
    const seen = new Set<string>();
    const signUps = row.partners.flatMap((partner, index) => {
      const organisation = plan.organisations.get(normaliseName(partner.name));
      if (!organisation) return [];
      const role = partner.role ?? (organisation.statutory ? "statutory" : "non-statutory");
      const key = `${organisation.id}:${role}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ agreementIndicatorId, organisationId: organisation.id, role, detail: partner.detail, position: index }];
    });
    if (signUps.length > 0) await tx.insert(t.partnerSignUps).values(signUps);
    indicatorIds.set(row.code, agreementIndicatorId);
  }
  // Replacement links once every indicator exists (NI 170 → NI 159), when the table names both.
  for (const row of table.rows) {
    const replacedBy = omission(row)?.replacedBy;
    const replaced = indicatorIds.get(row.code);
    const replacement = replacedBy ? indicatorIds.get(replacedBy) : undefined;
    if (replaced !== undefined && replacement !== undefined) {
      await tx.update(t.agreementIndicators).set({ replacedById: replacement }).where(eq(t.agreementIndicators.id, replaced));
    }
  }

  // A manager of other agreements only would not see the draft they made; they manage it too.
  const actor = options.actor;
  if (actor.id > 0 && !actor.grants.some((grant) => grant.role === "manager" && grant.agreementId === null)) {
    await tx.insert(t.roleGrants).values({ userId: actor.id, role: "manager", agreementId, grantedBy: actor.id });
  }
  return agreementId;
}

function importOnce(options: ImportAgreementOptions, table: ImportedTable): Promise<ImportPreview> {
  return options.db.transaction(async (tx) => {
    const plan = await planImport(tx, options, table);
    const existing = plan.problems.find((problem) => problem.message.startsWith(`An agreement ${plan.slug} already exists`));
    if (existing) throw new AppError("CONFLICT", existing.message, { field: "slug" });
    if (plan.problems.length > 0) throw refusal(plan);
    const agreementId = await writeAgreement(tx, plan, options);
    const preview = previewOf(plan, false, true);
    await recordAudit(tx, {
      actor: options.actor,
      action: "agreement.import",
      entityType: "agreement",
      entityId: agreementId,
      agreementId,
      before: null,
      after: { source: options.fileName ?? null, agreement: preview.agreement, indicators: preview.rows.length, newIndicators: preview.newIndicators, newOrganisations: preview.newOrganisations },
    });
    return preview;
  });
}

export async function importAgreementTable(options: ImportAgreementOptions): Promise<ImportPreview> {
  const table = parseAgreementTable(await readTableFile(options.file));
  if (options.dryRun) return previewOf(await planImport(options.db, options, table), true, false);
  // Two imports at once on PostgreSQL: the one that loses the slug hears who has it (409); one that
  // only lost the race to add the same unknown code or partner tries again, finding it added.
  const slugTaken = async (): Promise<ImportPreview> => {
    const plan = await planImport(options.db, options, table);
    throw new AppError("CONFLICT", `An agreement ${plan.slug} already exists: it was imported a moment ago.`, { field: "slug" });
  };
  const again = () => whenAlreadyCreated(() => importOnce(options, table), { agreements_slug_unique: slugTaken });
  return whenAlreadyCreated(() => importOnce(options, table), {
    agreements_slug_unique: slugTaken,
    indicator_definitions_code_unique: again,
    indicator_definitions_key_unique: again,
    organisations_slug_unique: again,
  });
}
