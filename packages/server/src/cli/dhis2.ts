/**
 * `accord import dhis2` and `accord export dhis2` (issue 10 points 2 and 7): a DHIS2 data value
 * set (JSON or CSV) imported by the same all-or-nothing rules as POST /api/dataValueSets, and a
 * monitoring round written as one. Without --as, the command line acts as a manager of every
 * agreement (whoever can run it can open the database) and its values say "accord command line".
 */
import { readFile, writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import { plural } from "@accord/domain";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import type { Actor } from "../policy/authorize.js";
import { actorForUser } from "../features/auth/actors.js";
import { exportDataValueSet } from "../features/dhis2/export.js";
import { importDataValueSets } from "../features/dhis2/import.js";
import type { Dhis2Upload } from "../features/dhis2/import.js";
import { maxImportBytes } from "../features/dhis2/routes.js";
import { exportFormats, idSchemes } from "../features/dhis2/schema.js";
import type { ExportFormat } from "../features/dhis2/schema.js";
import { roundKey } from "../features/rounds/service.js";
import { findUserByEmail } from "../features/users/service.js";

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

const commandLineManager: Actor = {
  id: 0,
  name: "accord command line",
  email: "",
  organisationId: null,
  grants: [{ id: 0, role: "manager", agreementId: null, agreementIndicatorId: null, organisationId: null, areaId: null }],
};

const reasonOf = (error: unknown) => (error instanceof Error && "code" in error ? String(error.code) : String(error));

/** JSON or CSV, by the file's name, else by its first character. */
function uploadOf(path: string, bytes: Buffer): Dhis2Upload {
  const extension = extname(path).toLowerCase();
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const isJson = extension === ".json" || (extension !== ".csv" && text.trimStart().startsWith("{"));
  if (!isJson) return { format: "csv", bytes };
  try {
    return { format: "json", body: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("BAD_REQUEST", `--file: ${path} is not JSON (${reason})`, { field: "--file" });
  }
}

export function registerDhis2Import(imports: Command, withDatabase: WithDatabase, print: (text: string) => void): void {
  imports
    .command("dhis2")
    .description("import a DHIS2 data value set (JSON or CSV, as DHIS2 writes them): every value is saved, or none")
    .requiredOption("--file <file>", "the data value set, .json or .csv")
    .option("--dry-run", "check every value and print what would change; write nothing")
    .option("--id-scheme <scheme>", `how the file names things: ${idSchemes.join(" (DHIS2 identifiers, the default) or ")} (Accord's codes)`)
    .option("--as <email>", "whose values these are: an account's e-mail address (default: the command line, as a manager)")
    .action(async (options: { file: string; dryRun?: boolean; idScheme?: string; as?: string }) => {
      const scheme = options.idScheme?.toLowerCase();
      if (scheme !== undefined && scheme !== "uid" && scheme !== "code") {
        throw new AppError("BAD_REQUEST", `--id-scheme must be uid or code, not "${options.idScheme}"`, { field: "--id-scheme" });
      }
      const path = resolve(options.file);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        throw new AppError("BAD_REQUEST", `--file: cannot read ${path} (${reasonOf(error)})`, { field: "--file" });
      }
      if (bytes.length > maxImportBytes) {
        throw new AppError("BAD_REQUEST", `--file: ${path} is larger than ${maxImportBytes} bytes`, { field: "--file" });
      }
      const upload = uploadOf(path, bytes);
      const dryRun = options.dryRun === true;
      const summary = await withDatabase(async ({ db }) => {
        let actor = commandLineManager;
        if (options.as !== undefined) {
          const found = await actorForUser(db, await findUserByEmail(db, options.as).catch((error: unknown) => {
            if (error instanceof AppError) throw new AppError(error.code, error.message, { field: "--as" });
            throw error;
          }));
          if (!found) throw new AppError("FORBIDDEN", `The account ${options.as} is disabled.`, { field: "--as" });
          actor = found;
        }
        return importDataValueSets({ db, actor, upload, dryRun, ...(scheme === undefined ? {} : { idScheme: scheme }) });
      });
      const { imported, updated, ignored, deleted } = summary.importCount;
      if (summary.status === "ERROR") {
        throw new AppError("CONFLICT", summary.description, {
          field: "--file",
          details: summary.conflicts.map((one) => ({
            field: `data value ${one.indexes.join(", ")} ${one.property} ${one.object}`.trim(),
            message: one.value,
          })),
        });
      }
      print(`${summary.description} (${path})`);
      print(`imported ${imported}, updated ${updated}, ignored ${ignored}, deleted ${deleted}`);
    });
}

export function registerDhis2Export(exports: Command, withDatabase: WithDatabase, print: (text: string) => void): void {
  exports
    .command("dhis2")
    .description("a monitoring round's values as a DHIS2 data value set (JSON or CSV)")
    .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
    .requiredOption("--round <period>", 'the round\'s period, e.g. "2008/09 H1"')
    .requiredOption("--format <format>", exportFormats.join(" or "))
    .requiredOption("--out <file>", "the file to write (replaced if it exists)")
    .action(async (options: { agreement: string; round: string; format: string; out: string }) => {
      const format = options.format.trim().toLowerCase();
      if (!(exportFormats as readonly string[]).includes(format)) {
        throw new AppError("BAD_REQUEST", `--format must be one of ${exportFormats.join(", ")}, not "${options.format}"`, { field: "--format" });
      }
      if (options.out.trim() === "") throw new AppError("BAD_REQUEST", "--out must name a file", { field: "--out" });
      const out = resolve(options.out);
      const file = await withDatabase(async ({ db }) => {
        try {
          const round = roundKey(options.round);
          return await exportDataValueSet({ db, actor: commandLineManager, slug: options.agreement, round, format: format as ExportFormat });
        } catch (error) {
          const option = error instanceof AppError ? { slug: "--agreement", round: "--round" }[error.field ?? ""] : undefined;
          if (error instanceof AppError && option) throw new AppError(error.code, error.message, { field: option });
          throw error;
        }
      });
      try {
        await writeFile(out, file.buffer);
      } catch (error) {
        throw new AppError("BAD_REQUEST", `--out: cannot write ${out} (${reasonOf(error)})`, { field: "--out" });
      }
      print(`Wrote ${plural(file.values, "data value")} of ${options.agreement} ${options.round} (DHIS2 ${format}) to ${out}`);
    });
}
