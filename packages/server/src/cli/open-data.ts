/**
 * `accord export data` and `accord export opensdg` (issue 10 points 1, 3 and 7): the agreement's
 * open data, or one indicator's Open SDG files, written as the API gives them. By default the
 * command reads as the public does — a council scripting its open data publication cannot
 * publish a round's values before the partnership has — and --unpublished reads as a manager.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { indicatorKey, openDataMeasures, plural } from "@accord/domain";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import type { Actor } from "../policy/authorize.js";
import { ensureReadableStamp } from "../features/agreements/readable.js";
import type { AgreementStamp } from "../features/agreements/freshness.js";
import { visibilityFor } from "../features/performance/service.js";
import { writeOpenDataCsv } from "../features/open-data/csv.js";
import { openSdgFilesFor } from "../features/open-data/open-sdg.js";
import { OpenDataMeasure } from "../features/open-data/schema.js";
import { openDataFor } from "../features/open-data/service.js";

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

/** Whoever can run the command can open the database: with --unpublished it reads as a manager of every agreement. */
const commandLineManager: Actor = {
  id: 0,
  name: "accord command line",
  email: "",
  organisationId: null,
  grants: [{ id: 0, role: "manager", agreementId: null, agreementIndicatorId: null, organisationId: null, areaId: null }],
};

const dataFormats = ["csv", "json"] as const;

/** Errors name the command line's options, not the API's fields. */
const optionFor: Record<string, string> = { slug: "--agreement", indicator: "--indicator", key: "--indicator" };

async function asOption<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.field !== undefined && optionFor[error.field]) {
      throw new AppError(error.code, error.message, { field: optionFor[error.field] });
    }
    throw error;
  }
}

/** The agreement as the chosen reader may read it; the public's refusal of an unpublished one says what to add. */
async function readableStamp(database: Database, reader: Actor | null, slug: string): Promise<AgreementStamp> {
  try {
    return await ensureReadableStamp(database.db, reader, slug);
  } catch (error) {
    if (reader === null && error instanceof AppError && (error.code === "UNAUTHENTICATED" || error.code === "FORBIDDEN")) {
      throw new AppError("FORBIDDEN", `${slug} is not published: add --unpublished to export it as its manager sees it`, { field: "--agreement" });
    }
    throw error;
  }
}

function needsOut(out: string): string {
  if (out.trim() === "") throw new AppError("BAD_REQUEST", "--out must name a file", { field: "--out" });
  return resolve(out);
}

async function write(path: string, text: string, createFolder: boolean): Promise<void> {
  try {
    if (createFolder) await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new AppError("BAD_REQUEST", `--out: cannot write ${path} (${reason})`, { field: "--out" });
  }
}

/** An indicator as people write it on the command line: its key (ni-47) or its code ("NI 47"). */
function keyOf(indicator: string): string {
  let key = "";
  try {
    key = /^[a-z0-9-]+$/.test(indicator) ? indicator : indicatorKey(indicator.trim());
  } catch {
    // An empty or symbol-only code has no key: refused below, naming the option.
  }
  if (!/^[a-z0-9-]{1,80}$/.test(key)) throw new AppError("BAD_REQUEST", `--indicator must name an indicator such as ni-47 or "NI 47", not "${indicator}"`, { field: "--indicator" });
  return key;
}

export function registerOpenDataExports(exports: Command, withDatabase: WithDatabase, print: (text: string) => void): void {
  exports
    .command("data")
    .description("an agreement's baselines, targets and values as open data, one row per value (the data dictionary page describes the columns)")
    .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
    .requiredOption("--format <format>", dataFormats.join(" or "))
    .requiredOption("--out <file>", "the file to write (replaced if it exists)")
    .option("--indicator <key>", "one indicator only, e.g. ni-47")
    .option("--measure <measure>", `one kind of value only: ${openDataMeasures.join(", ")}`)
    .option("--unpublished", "include what only people with a role see: an unpublished agreement, and values of rounds not yet published")
    .action(async (options: { agreement: string; format: string; out: string; indicator?: string; measure?: string; unpublished?: boolean }) => {
      // What can be checked is checked before the database is opened, naming the option at fault.
      const format = options.format.trim().toLowerCase();
      if (format !== "csv" && format !== "json") {
        throw new AppError("BAD_REQUEST", `--format must be csv or json, not "${options.format}"`, { field: "--format" });
      }
      const measure = options.measure === undefined ? undefined : OpenDataMeasure.safeParse(options.measure.trim().toLowerCase());
      if (measure !== undefined && !measure.success) {
        throw new AppError("BAD_REQUEST", `--measure must be one of ${openDataMeasures.join(", ")}, not "${options.measure}"`, { field: "--measure" });
      }
      const indicator = options.indicator === undefined ? undefined : keyOf(options.indicator);
      const out = needsOut(options.out);
      const reader = options.unpublished ? commandLineManager : null;

      const view = await withDatabase((database) =>
        asOption(async () => {
          const stamp = await readableStamp(database, reader, options.agreement);
          return openDataFor(database.db, stamp, visibilityFor(reader, stamp), { indicator, measure: measure?.data });
        }),
      );
      await write(out, format === "csv" ? writeOpenDataCsv(view.values) : `${JSON.stringify(view, null, 2)}\n`, false);
      const rounds = view.publishedRoundsOnly ? "published rounds only" : "every round";
      print(`Wrote ${plural(view.values.length, "value")} of ${view.agreement.name} (${format}, ${rounds}) to ${out}`);
    });

  exports
    .command("opensdg")
    .description("one indicator for an Open SDG site: data/indicator_<key>.csv and meta/<key>.md under a folder, as an Open SDG data repository has them")
    .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
    .requiredOption("--indicator <key>", 'the indicator, e.g. ni-47 or "NI 47"')
    .requiredOption("--out <folder>", "the folder to write into (data/ and meta/ made if missing; the two files replaced)")
    .option("--unpublished", "include values of rounds not yet published (and an unpublished agreement)")
    .action(async (options: { agreement: string; indicator: string; out: string; unpublished?: boolean }) => {
      const key = keyOf(options.indicator);
      const folder = needsOut(options.out);
      const reader = options.unpublished ? commandLineManager : null;
      const files = await withDatabase((database) =>
        asOption(async () => {
          const stamp = await readableStamp(database, reader, options.agreement);
          return openSdgFilesFor(database.db, stamp, visibilityFor(reader, stamp), key);
        }),
      );
      const dataPath = join(folder, files.dataPath);
      const metadataPath = join(folder, files.metadataPath);
      await write(dataPath, files.data, true);
      await write(metadataPath, files.metadata, true);
      const values = files.data.trimEnd().split("\r\n").length - 1;
      print(`Wrote ${plural(values, "value")} to ${dataPath} and the metadata to ${metadataPath}`);
    });
}
