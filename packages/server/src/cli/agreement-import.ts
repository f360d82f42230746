/**
 * `accord import agreement --file F [--slug S] [--dry-run]` (issue 10 point 7): an agreement's
 * table imported by the same all-or-nothing rules as POST /api/agreements/import. A dry run
 * prints every row as it will be read and every problem and writes nothing; a table with
 * problems exits non-zero. The command line acts as a manager of every agreement.
 */
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { plural } from "@accord/domain";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import type { Actor } from "../policy/authorize.js";
import { maxTableBytes } from "../features/agreement-import/routes.js";
import type { ImportPreview } from "../features/agreement-import/schema.js";
import { importAgreementTable } from "../features/agreement-import/service.js";

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

const commandLineManager: Actor = {
  id: 0,
  name: "accord command line",
  email: "",
  organisationId: null,
  grants: [{ id: 0, role: "manager", agreementId: null, agreementIndicatorId: null, organisationId: null, areaId: null }],
};

/** The preview as lines a person reads in a terminal: one block per row of the table. */
export function previewLines(preview: ImportPreview): string[] {
  const { agreement } = preview;
  const lines = [
    `${agreement.name} (${agreement.slug}), ${agreement.years.join(", ")}, ${agreement.area?.name ?? "no area"}: ${plural(preview.rows.length, "indicator")}`,
  ];
  for (const row of preview.rows) {
    lines.push(`row ${row.row}: ${row.code}${row.title ? ` ${row.title}` : ""} (${row.kind}${row.catalogued ? "" : ", new to the catalogue"}) in ${row.theme}`);
    lines.push(`  baseline: ${row.baseline.join("; ") || "none"}`);
    for (const target of row.targets) if (target.written.length > 0) lines.push(`  ${target.year}: ${target.written.join("; ")}`);
    if (row.targetNote) lines.push(`  target note: ${row.targetNote.replaceAll("\n", "; ")}`);
    if (row.partners.length > 0) lines.push(`  partners: ${row.partners.map((partner) => `${partner.name}${partner.role === "lead" ? "*" : ""}`).join(", ")}`);
    for (const note of row.notes) lines.push(`  note: ${note}`);
  }
  if (preview.newIndicators.length > 0) lines.push(`New to the catalogue, marked unknown: ${preview.newIndicators.map((indicator) => indicator.code).join(", ")}`);
  if (preview.newOrganisations.length > 0) lines.push(`New organisations: ${preview.newOrganisations.join(", ")}`);
  return lines;
}

export function registerAgreementImport(imports: Command, withDatabase: WithDatabase, print: (text: string) => void): void {
  imports
    .command("agreement")
    .description("create a draft agreement from its table (XLSX or CSV: Accord's submission template or a council's layout), all or nothing")
    .requiredOption("--file <file>", "the table, .xlsx or .csv")
    .option("--slug <slug>", "the new agreement's slug (default: from its name)")
    .option("--name <name>", "the agreement's name (default: the line above the table's headings)")
    .option("--area <code>", "ONS code of the area it covers (default: the installation's only county)")
    .option("--dry-run", "print every row as it will be read and every problem; write nothing")
    .action(async (options: { file: string; slug?: string; name?: string; area?: string; dryRun?: boolean }) => {
      const path = resolve(options.file);
      let file: Buffer;
      try {
        file = await readFile(path);
      } catch (error) {
        const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
        throw new AppError("BAD_REQUEST", `--file: cannot read ${path} (${reason})`, { field: "--file" });
      }
      if (file.length > maxTableBytes) throw new AppError("BAD_REQUEST", `--file: ${path} is larger than ${maxTableBytes} bytes`, { field: "--file" });
      if (options.slug !== undefined && !/^[a-z0-9][a-z0-9-]{0,79}$/.test(options.slug)) {
        throw new AppError("BAD_REQUEST", "--slug must be lower-case letters, digits and hyphens, such as northshire-laa", { field: "--slug" });
      }
      const dryRun = options.dryRun === true;
      const preview = await withDatabase(async ({ db }) => {
        try {
          return await importAgreementTable({ db, actor: commandLineManager, file, fileName: basename(path), slug: options.slug, name: options.name, area: options.area, dryRun });
        } catch (error) {
          const option = error instanceof AppError ? { slug: "--slug", file: "--file" }[error.field ?? ""] : undefined;
          if (error instanceof AppError && option) throw new AppError(error.code, error.message, { field: option, details: error.details });
          throw error;
        }
      });
      for (const line of previewLines(preview)) print(line);
      if (dryRun) {
        if (preview.problems.length > 0) {
          throw new AppError("BAD_REQUEST", `Dry run: the table has ${plural(preview.problems.length, "problem")}; nothing would be imported.`, {
            field: "--file",
            details: preview.problems.map((problem) => ({ field: problem.row === null ? "table" : `row ${problem.row}${problem.column ? `, column '${problem.column}'` : ""}`, message: problem.message })),
          });
        }
        print(`Dry run: ${preview.agreement.slug} would be created as a draft; nothing was written.`);
      } else print(`Created the draft agreement ${preview.agreement.slug} from ${path}.`);
    });
}
