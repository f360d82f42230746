/** Serving: open the database, optionally migrate and load the demo, listen, close on a signal. */
import { resolve } from "node:path";
import { count } from "drizzle-orm";
import { migrateDatabase, openDatabase, repositoryRoot } from "../db/client.js";
import { agreements } from "../db/schema/index.js";
import { loadDemo } from "../features/demo/load-demo.js";
import { demoLoadUnfinished } from "../features/demo/demo-users.js";
import { buildApp } from "../http/app.js";
import { AppError } from "../errors.js";

export interface ServeOptions {
  migrate: boolean;
  loadDemoWhenEmpty: boolean;
}

function port(): number {
  const raw = process.env.PORT ?? "3000";
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new AppError("BAD_REQUEST", `PORT must be a port number, not "${raw}"`, { field: "PORT" });
  return value;
}

export async function serve(options: ServeOptions): Promise<void> {
  const listenPort = port();
  const host = process.env.HOST ?? "127.0.0.1";
  const database = await openDatabase();
  try {
    if (options.migrate) await migrateDatabase(database);
    if (options.loadDemoWhenEmpty) {
      const [row] = await database.db.select({ n: count() }).from(agreements);
      if ((row?.n ?? 0) === 0 || (await demoLoadUnfinished(database.db))) {
        const report = await loadDemo(database, resolve(repositoryRoot, "data"));
        process.stdout.write(`Loaded the Kent demo: ${[...report.loaded, `${report.demoUsers} demo accounts`].join(", ")}.\n`);
      }
    }
    const app = await buildApp({ database, logger: process.env.ACCORD_LOG !== "off" });
    const address = await app.listen({ port: listenPort, host });
    process.stdout.write(`Accord is serving at ${address.replace("127.0.0.1", "127.0.0.1")} (data: ${database.location})\n`);
    const stop = async (): Promise<void> => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
  } catch (error) {
    await database.close();
    throw error;
  }
}
