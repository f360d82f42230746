/**
 * `accord import returns`: a filled-in return template (XLSX or CSV) sent back from the command
 * line, as the person named by --as, by the same all-or-nothing rules as the upload on the web
 * (features/returns/template-upload.ts). A refused file prints every bad row and cell and exits 1.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { plural } from "@accord/domain";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import { actorForUser } from "../features/auth/actors.js";
import { importReturnTemplate } from "../features/returns/template-upload.js";
import { maxUploadFileBytes } from "../features/returns/template-files.js";
import { roundKey } from "../features/rounds/service.js";
import { findUserByEmail } from "../features/users/service.js";
import { registerDhis2Import } from "./dhis2.js";
import { registerAgreementImport } from "./agreement-import.js";

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

interface ImportReturnsOptions {
  agreement: string;
  round: string;
  file: string;
  as: string;
}

/** The option a service's field stands for, so a refusal names what was typed. */
const optionOf: Record<string, string> = { slug: "--agreement", round: "--round", email: "--as" };

export function registerImportCommands(program: Command, withDatabase: WithDatabase, print: (text: string) => void): void {
  const imports = program.command("import").description("read files into the database");

  imports
    .command("returns")
    .description("send back a filled-in return template of a monitoring round (XLSX or CSV): all rows are saved, or none")
    .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
    .requiredOption("--round <period>", 'the round\'s period, e.g. "2008/09 H1"')
    .requiredOption("--file <file>", "the filled-in template, .xlsx or .csv")
    .requiredOption("--as <email>", "whose values these are: the account's e-mail address (an officer, LSP coordinator or manager)")
    .action(async (options: ImportReturnsOptions) => {
      const path = resolve(options.file);
      let file: Buffer;
      try {
        file = await readFile(path);
      } catch (error) {
        const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
        throw new AppError("BAD_REQUEST", `--file: cannot read ${path} (${reason})`, { field: "--file" });
      }
      if (file.length > maxUploadFileBytes) {
        throw new AppError("BAD_REQUEST", `--file: ${path} is larger than a return template can be (${maxUploadFileBytes} bytes)`, { field: "--file" });
      }
      const report = await withDatabase(async ({ db }) => {
        try {
          const actor = await actorForUser(db, await findUserByEmail(db, options.as));
          if (!actor) throw new AppError("FORBIDDEN", `The account ${options.as} is disabled.`, { field: "--as" });
          return await importReturnTemplate({ db, actor, slug: options.agreement, round: roundKey(options.round), file });
        } catch (error) {
          const option = error instanceof AppError ? optionOf[error.field ?? ""] : undefined;
          if (error instanceof AppError && option) throw new AppError(error.code, error.message, { field: option, details: error.details });
          throw error;
        }
      });
      const rest = [`${report.unchanged} unchanged`, `${report.blank} left blank`].join(", ");
      print(`Saved ${plural(report.written, "value")} for the ${report.round} round from ${path} (${rest}).`);
    });

  registerDhis2Import(imports, withDatabase, print);
  registerAgreementImport(imports, withDatabase, print);
}
