/** `accord backup --out F` and `accord restore F`: the whole database to a file and back (db/backup.ts). */
import { resolve } from "node:path";
import type { Command } from "commander";
import { sql } from "drizzle-orm";
import { defaultDataFolder, migrateDatabase, openDatabase } from "../db/client.js";
import { backUpEmbedded, backUpServer, restoreEmbedded, restoreServer } from "../db/backup.js";

function serverUrl(): string | null {
  const url = process.env.DATABASE_URL;
  return url === undefined || url.trim() === "" ? null : url;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function registerBackupCommands(program: Command, print: (text: string) => void): void {
  program
    .command("backup")
    .description("back up the whole database to a file (embedded: stop Accord first; a server: runs pg_dump)")
    .requiredOption("--out <file>", "the backup file to write, e.g. accord-2009-04-01.tar.gz (pg_dump format on a server)")
    .option("--force", "replace the file if it exists")
    .action(async (options: { out: string; force?: boolean }) => {
      const out = resolve(options.out);
      const url = serverUrl();
      const report = url === null ? await backUpEmbedded(defaultDataFolder(), out, options.force === true) : await backUpServer(url, out, options.force === true, print);
      print(`Backed up ${report.contents} to ${report.file} (${size(report.bytes)}).`);
    });

  program
    .command("restore")
    .description("replace the database with a backup made by accord backup (refuses a database holding data without --force)")
    .argument("<file>", "the backup file")
    .option("--force", "replace a database that already holds data (embedded: the one replaced is kept beside it)")
    .action(async (file: string, options: { force?: boolean }) => {
      const path = resolve(file);
      const url = serverUrl();
      const force = options.force === true;
      let report;
      if (url === null) {
        report = await restoreEmbedded(defaultDataFolder(), path, force);
      } else {
        const database = await openDatabase({ databaseUrl: url });
        try {
          const query = async (text: string) => {
            const result: unknown = await database.db.execute(sql.raw(text));
            const rows = typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows) ? result.rows : [];
            return rows as Record<string, unknown>[];
          };
          report = await restoreServer({ databaseUrl: url, file: path, force, query, print });
        } finally {
          await database.close();
        }
      }
      // A backup made by an older Accord is brought up to this one's schema.
      const database = await openDatabase();
      try {
        await migrateDatabase(database);
      } finally {
        await database.close();
      }
      print(`Restored ${report.contents} from ${path}.`);
      if (report.setAside !== null) print(`The database it replaced is kept in ${report.setAside}; delete that folder once you no longer need it.`);
    });
}
