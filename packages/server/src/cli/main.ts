/** `npx accord …`: serve, migrate, seed, and read-only reports for scripts. */
import { Command, CommanderError } from "commander";
import { resolve } from "node:path";
import { IsoDate, plural } from "@accord/domain";
import { AppError } from "../errors.js";
import { migrateDatabase, openDatabase, repositoryRoot } from "../db/client.js";
import type { Database } from "../db/client.js";
import { loadDemo } from "../features/demo/load-demo.js";
import { demoPassword } from "../features/auth/settings.js";
import { getPositionSummary, listAgreements } from "../features/agreements/service.js";
import { serve } from "./serve.js";
import { draftBulletin } from "../features/bulletins/service.js";
import type { Actor } from "../policy/authorize.js";
import { registerUserCommands } from "./users.js";
import { registerExportCommands } from "./export.js";
import { registerImportCommands } from "./import.js";
import { registerReportCommands } from "./report.js";
import { registerBackupCommands } from "./backup.js";

const dataFolder = resolve(repositoryRoot, "data");

/** Whoever can run the command can open the database: the command line reads as an installation-wide manager. */
const commandLineReader: Actor = { id: 0, name: "accord command line", email: "", organisationId: null, grants: [{ id: 0, role: "manager", agreementId: null, agreementIndicatorId: null, organisationId: null, areaId: null }] };

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

const program = new Command()
  .name("accord")
  .description("Accord: Local Area Agreements between a partnership and central government.")
  .showHelpAfterError()
  .exitOverride();

program
  .command("serve")
  .description("serve the web app and API (HOST, PORT; default 127.0.0.1:3000)")
  .action(async () => {
    await serve({ migrate: false, loadDemoWhenEmpty: false });
  });

program
  .command("start")
  .description("migrate, load the Kent demo into an empty database, and serve (what npm start runs)")
  .action(async () => {
    await serve({ migrate: true, loadDemoWhenEmpty: true });
  });

program
  .command("migrate")
  .description("bring the database schema up to date")
  .action(async () => {
    await withDatabase(async (database) => {
      await migrateDatabase(database);
      print(`Database at ${database.location} is up to date.`);
    });
  });

program
  .command("seed")
  .description("load data into the database")
  .option("--demo", "load the Kent demo (both Kent agreements and reference data); safe to repeat")
  .action(async (options: { demo?: boolean }) => {
    if (!options.demo) throw new AppError("BAD_REQUEST", "Say what to load: accord seed --demo", { field: "--demo" });
    await withDatabase(async (database) => {
      await migrateDatabase(database);
      const report = await loadDemo(database, dataFolder);
      print(`Loaded: ${report.loaded.join(", ") || "nothing new"}${report.alreadyPresent.length ? `; already present: ${report.alreadyPresent.join(", ")}` : ""}.`);
      if (report.demoUsers > 0) print(`Demo accounts created: ${report.demoUsers} (password ${demoPassword}).`);
      print(`Reference data: ${report.areas} areas, ${report.organisations} organisations, ${report.indicatorDefinitions} indicator definitions.`);
    });
  });

program
  .command("agreements")
  .description("list the agreements")
  .option("--json", "print JSON")
  .action(async (options: { json?: boolean }) => {
    const agreements = await withDatabase((database) => listAgreements(database.db));
    if (options.json) {
      print(JSON.stringify(agreements));
      return;
    }
    for (const agreement of agreements) {
      const counts = agreement.indicatorCounts;
      print(
        `${agreement.slug.padEnd(12)} ${agreement.name} (${agreement.firstYear}–${agreement.lastYear}), ${agreement.status}, revision ${agreement.revision}: ` +
          plural(counts.designated + counts.statutory + counts.primary + counts.secondary + counts.local, "indicator"),
      );
    }
  });

program
  .command("position-summary")
  .description("the position on target-setting as at a date")
  .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
  .requiredOption("--as-at <date>", "date, YYYY-MM-DD")
  .option("--json", "print JSON (the same as the API)")
  .action(async (options: { agreement: string; asAt: string; json?: boolean }) => {
    const parsed = IsoDate.safeParse(options.asAt);
    if (!parsed.success) throw new AppError("BAD_REQUEST", `--as-at ${parsed.error.issues[0]?.message ?? "is not valid"}`, { field: "--as-at" });
    const summary = await withDatabase((database) => getPositionSummary(database.db, options.agreement, parsed.data));
    if (options.json) {
      print(JSON.stringify(summary));
      return;
    }
    print(`Position on target-setting for ${summary.agreement} as at ${summary.asAt}`);
    print(`  Agreed between partners and with the Government Office   ${summary.agreedWithGovernmentOffice}`);
    print(`  Agreed between partners, under discussion                ${summary.underDiscussion}`);
    print(`  Unlikely to be agreed until after the deadline           ${summary.afterDeadline}`);
    if (summary.notStarted > 0) print(`  Not started                                              ${summary.notStarted}`);
    print(`  Total                                                    ${summary.total}`);
    print(`  Statutory targets to be agreed                           (${summary.statutoryToBeAgreed})`);
  });

registerUserCommands(program, withDatabase, print);
registerExportCommands(program, withDatabase, print);
registerImportCommands(program, withDatabase, print);
registerReportCommands(program, withDatabase, commandLineReader, print);
registerBackupCommands(program, print);

program
  .command("bulletin")
  .description("print the next bulletin as plain text, ready to e-mail: everything changed since the last one")
  .requiredOption("--agreement <slug>", "agreement slug, e.g. kent-ka2")
  .option("--since <date>", "changes since this date (YYYY-MM-DD) instead of since the last bulletin")
  .action(async (options: { agreement: string; since?: string }) => {
    if (options.since !== undefined && !IsoDate.safeParse(options.since).success) throw new AppError("BAD_REQUEST", "--since must be a date written YYYY-MM-DD", { field: "--since" });
    const draft = await withDatabase((database) => draftBulletin(database.db, commandLineReader, options.agreement, options.since));
    print(draft.text);
  });

function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof AppError) {
    // Fields are named as the command line spells them: --agreement, not agreement.
    const field = error.field === undefined ? "" : error.field.startsWith("-") || error.field === error.field.toUpperCase() ? error.field : `--${error.field}`;
    process.stderr.write(`accord: ${error.message}${field ? ` [${field}]` : ""}\n`);
    for (const detail of error.details) process.stderr.write(`  - ${detail.field}: ${detail.message}\n`);
    return 1;
  }
  process.stderr.write(`accord: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}
