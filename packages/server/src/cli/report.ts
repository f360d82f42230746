/** `accord report performance …`: the six-monthly performance report of a round written to a file. */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import type { Actor } from "../policy/authorize.js";
import { exportPerformanceReport, isReportFormat, reportFormats } from "../reports/performance-report.js";

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

interface PerformanceOptions {
  agreement: string;
  round: string;
  format: string;
  out: string;
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} kB`;
}

/** A service's field, named as the command line's option. */
const optionFor: Record<string, string> = { slug: "--agreement", round: "--round", format: "--format" };

export function registerReportCommands(program: Command, withDatabase: WithDatabase, reader: Actor, print: (text: string) => void): void {
  const reports = program.command("report").description("write reports to files");

  reports
    .command("performance")
    .description("the six-monthly performance report of a monitoring round (seed 000 §11): cover, statuses, each indicator's chart, text update and districts")
    .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
    .requiredOption("--round <period>", 'the round\'s period, e.g. "2008/09 H1" (or its key, 2008-09-h1)')
    .requiredOption("--format <format>", reportFormats.join(", "))
    .requiredOption("--out <file>", "the file to write (replaced if it exists)")
    .action(async (options: PerformanceOptions) => {
      const format = options.format.trim().toLowerCase();
      if (!isReportFormat(format)) {
        throw new AppError("BAD_REQUEST", `--format must be one of ${reportFormats.join(", ")}, not "${options.format}"`, { field: "--format" });
      }
      if (options.round.trim() === "") throw new AppError("BAD_REQUEST", "--round must name a round, such as \"2008/09 H1\"", { field: "--round" });
      if (options.out.trim() === "") throw new AppError("BAD_REQUEST", "--out must name a file", { field: "--out" });
      const out = resolve(options.out);
      const file = await withDatabase(async ({ db }) => {
        try {
          return await exportPerformanceReport({ db, actor: reader, slug: options.agreement, round: options.round, format });
        } catch (error) {
          const option = error instanceof AppError && error.field ? optionFor[error.field] : undefined;
          if (error instanceof AppError && option) throw new AppError(error.code, error.message, { field: option });
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
}
