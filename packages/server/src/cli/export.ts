/** `accord export …`: documents written to a file, e.g. the submission template as at a date. */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import { exportSubmission, isSubmissionFormat, submissionFormats } from "../reports/export-submission.js";
import { checkAsAt } from "../reports/submission.js";
import { registerDhis2Export } from "./dhis2.js";
import { registerOpenDataExports } from "./open-data.js";

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

interface SubmissionOptions {
  agreement: string;
  format: string;
  out: string;
  asAt?: string;
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} kB`;
}

export function registerExportCommands(program: Command, withDatabase: WithDatabase, print: (text: string) => void): void {
  const exports = program.command("export").description("write documents to files");

  exports
    .command("submission")
    .description("the submission template of an agreement (as in the appendix to the May 2008 report), with each indicator's negotiation status as at a date")
    .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
    .requiredOption("--format <format>", `${submissionFormats.join(", ")}`)
    .requiredOption("--out <file>", "the file to write (replaced if it exists)")
    .option("--as-at <date>", "date of the negotiation status, YYYY-MM-DD (default: today)")
    .action(async (options: SubmissionOptions) => {
      // Check what can be checked before opening the database, naming the option at fault.
      const format = options.format.trim().toLowerCase();
      if (!isSubmissionFormat(format)) {
        throw new AppError("BAD_REQUEST", `--format must be one of ${submissionFormats.join(", ")}, not "${options.format}"`, { field: "--format" });
      }
      const asAt = options.asAt === undefined ? undefined : checkAsAt(options.asAt, "--as-at");
      if (options.out.trim() === "") throw new AppError("BAD_REQUEST", "--out must name a file", { field: "--out" });
      const out = resolve(options.out);

      const file = await withDatabase(async ({ db }) => {
        try {
          return await exportSubmission({ db, slug: options.agreement, format, asAt });
        } catch (error) {
          if (error instanceof AppError && error.field === "slug") throw new AppError(error.code, error.message, { field: "--agreement" });
          throw error;
        }
      });
      try {
        await writeFile(out, file.buffer);
      } catch (error) {
        const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
        throw new AppError("BAD_REQUEST", `--out: cannot write ${out} (${reason})`, { field: "--out" });
      }
      print(`Wrote ${file.fileName.replace(/\.[a-z]+$/, "")} (${format}, ${sizeText(file.buffer.length)}) to ${out}`);
    });

  registerDhis2Export(exports, withDatabase, print);
  registerOpenDataExports(exports, withDatabase, print);
}
