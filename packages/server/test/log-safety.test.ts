/**
 * The server's log, read as it is written while database errors are provoked during a sign-in,
 * a password change and a write made with an API token, never contains the query's parameters,
 * password hashes, token hashes, tokens, cookies, CSRF tokens or passwords.
 */
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/http/app.js";
import { demoPassword } from "../src/features/auth/settings.js";
import { tokenHash } from "../src/features/auth/secrets.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { signIn } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let database: TestDatabase;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, logger: true, logStream: { write: (line: string) => void lines.push(line) } });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

/** Makes every insert or update of the table fail inside the database, as a broken disk or constraint would. */
async function breakWrites(table: string, when: "INSERT" | "UPDATE"): Promise<void> {
  await database.db.execute(sql.raw(`CREATE OR REPLACE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'writes are failing for this test'; END $$`));
  await database.db.execute(sql.raw(`CREATE TRIGGER refuse_${table}_${when.toLowerCase()} BEFORE ${when} ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_write()`));
}

describe("the server log", () => {
  it("explains database errors without their parameters, hashes, tokens, cookies or passwords", async () => {
    const email = "manager@kent-partnership.example";
    const session = await signIn(app, email);
    const tokenResponse = await app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      payload: { name: "log test" },
    });
    const apiToken = tokenResponse.json<{ token: string }>().token;

    await breakWrites("sessions", "INSERT");
    await breakWrites("users", "UPDATE");
    await breakWrites("comments", "INSERT");

    const signInAgain = await app.inject({ method: "POST", url: "/api/session", payload: { email, password: demoPassword } });
    const newPassword = "a quite different passphrase 2009";
    const change = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      payload: { currentPassword: demoPassword, newPassword },
    });
    const comment = await app.inject({
      method: "POST",
      url: "/api/agreements/kent-ka2/indicators/ni-47/comments?note=from-the-log-test",
      headers: { authorization: `Bearer ${apiToken}` },
      payload: { body: "A comment the database refuses" },
    });
    // The failures happened and were logged: otherwise this test would prove nothing.
    expect([signInAgain.statusCode, change.statusCode, comment.statusCode]).toEqual([500, 500, 500]);
    const log = lines.join("");
    expect(log.match(/unhandled error/g)?.length).toBe(3);
    expect(log).toContain("writes are failing for this test");

    const [user] = await queryRows(database.db, sql`select password_hash from users where email = ${email}`);
    const storedHashes = (await queryRows(database.db, sql`select token_hash from sessions union all select token_hash from api_tokens`)).map((row) => String(row.token_hash));
    const secrets: Record<string, string> = {
      "the password": demoPassword,
      "the new password": newPassword,
      "the stored password hash": String(user?.password_hash),
      "the API token": apiToken,
      "the API token's hash": tokenHash(apiToken),
      "the session cookie": session.cookie.split("=")[1] ?? session.cookie,
      "the CSRF token": session.csrfToken,
      "a query's parameters": "params:",
      "an argon2 hash": "$argon2",
      "the query string": "from-the-log-test",
    };
    for (const [what, secret] of Object.entries(secrets)) expect(log.includes(secret), `the log contains ${what}`).toBe(false);
    for (const hash of storedHashes) expect(log.includes(hash), "the log contains a stored token hash").toBe(false);
    // No SHA-256 in hex at all: every token hash has that form.
    expect(log.match(/\b[0-9a-f]{64}\b/)).toBeNull();
  });
});
