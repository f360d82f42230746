/** The real Fastify app on a real test database, driven through fastify.inject. */
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/http/app.js";
import { createTestDatabase } from "./database.js";
import type { TestDatabase } from "./database.js";
import type { MailSettings } from "../../src/features/mail/settings.js";

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  get<T = unknown>(url: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** Without `mail`, nothing is e-mailed, whatever the environment says. */
export async function createTestApp(options: { mail?: MailSettings } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({ database, logger: false, mail: options.mail ?? null });
  await app.ready();
  return {
    app,
    database,
    async get<T>(url: string) {
      const response = await app.inject({ method: "GET", url });
      return { status: response.statusCode, body: response.json<T>() };
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
