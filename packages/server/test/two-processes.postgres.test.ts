/**
 * Issue 10 point 8: two real `accord serve` processes on one PostgreSQL, as behind a load
 * balancer. Nothing a person relies on may live in one process's memory: a session and its CSRF
 * token made on one are honoured by the other, failed sign-ins are counted across both, a stale
 * version is refused whichever process wrote last, both processes' writes are in the audit trail,
 * and a page one process has kept is not served after the other has changed the agreement.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/db/client.js";
import { accordBin } from "./support/cli.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";

interface Server {
  child: ChildProcessWithoutNullStreams;
  address: string;
}

interface Signed {
  cookie: string;
  csrfToken: string;
}

let database: TestDatabase;
let a: Server;
let b: Server;

function startServer(env: Record<string, string>): Promise<Server> {
  // No ACCORD_SESSION_SECRET: each process must find the same cookie key in the database.
  const { ACCORD_SESSION_SECRET: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, [accordBin, "serve"], {
    cwd: repositoryRoot,
    env: { ...inherited, ...env, PORT: "0", ACCORD_LOG: "off" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Promise<Server>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Accord is serving at (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, address: match[1] });
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`accord serve exited with ${code}: ${output}`)));
  });
}

async function stopServer(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.close();
  [a, b] = await Promise.all([startServer(database.env), startServer(database.env)]);
}, 180_000);
afterAll(async () => {
  await Promise.all([stopServer(a), stopServer(b)]);
  await database?.destroy();
});

async function signIn(server: Server, email: string, password = "kent-demo-2008"): Promise<Response> {
  return fetch(`${server.address}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
}

async function signedIn(server: Server, email: string): Promise<Signed> {
  const answer = await signIn(server, email);
  expect(answer.status).toBe(200);
  const cookie = (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toMatch(/^accord_session=/);
  return { cookie, csrfToken: ((await answer.json()) as { csrfToken: string }).csrfToken };
}

async function call(server: Server, who: Signed | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const answer = await fetch(`${server.address}${path}`, {
    method,
    headers: {
      ...(who ? { cookie: who.cookie, "x-csrf-token": who.csrfToken } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await answer.text();
  return { status: answer.status, headers: answer.headers, body: text === "" ? null : (JSON.parse(text) as unknown) };
}

const ni47 = "/api/agreements/kent-ka2/indicators/ni-47";

interface TargetRow {
  year: string;
  written: string;
  version: number;
}

async function targetOf(server: Server, year: string): Promise<TargetRow> {
  const page = await call(server, null, "GET", ni47);
  expect(page.status).toBe(200);
  const target = (page.body as { targets: TargetRow[] }).targets.find((row) => row.year === year);
  if (!target) throw new Error(`NI 47 has no ${year} target`);
  return target;
}

describe("two accord serve processes on one PostgreSQL", () => {
  it("honours on B the session and CSRF token made by signing in on A, and refuses B a change without the token", async () => {
    const manager = await signedIn(a, "manager@kent-partnership.example");
    const session = await call(b, manager, "GET", "/api/session");
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { email: "manager@kent-partnership.example" }, csrfToken: manager.csrfToken });

    const comment = { body: "Asked through the second server" };
    const withoutToken = await call(b, { ...manager, csrfToken: "" }, "POST", `${ni47}/comments`, comment);
    expect(withoutToken.status).toBe(403);
    const withToken = await call(b, manager, "POST", `${ni47}/comments`, comment);
    expect(withToken.status, JSON.stringify(withToken.body)).toBe(201);

    // Signing out on B ends the session on A too.
    expect((await call(b, manager, "DELETE", "/api/session")).status).toBe(204);
    expect((await call(a, manager, "GET", "/api/session")).body).toMatchObject({ user: null });
  });

  it("counts failed sign-ins for one account across both processes: the sixth attempt is paused whichever it reaches", async () => {
    const email = "member@kent.example";
    for (const server of [a, b, a, b, a]) expect((await signIn(server, email, "not the password")).status).toBe(401);
    const paused = await signIn(b, email);
    expect(paused.status).toBe(429);
    expect(((await paused.json()) as { error: { message: string } }).error.message).toMatch(/Too many failed sign-ins for this account/);
    expect((await signIn(a, email)).status).toBe(429);
  });

  it("lets no more than five guesses at one account through when twenty arrive at once, ten on each process", async () => {
    const email = "partner@kent-police.example";
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, index) => signIn(index % 2 === 0 ? a : b, email, `guess number ${index}`)));
    const statuses = guesses.map((answer) => answer.status);
    // Attempts that arrive together may refuse one another, so fewer than five may be checked.
    const checked = statuses.filter((status) => status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - checked);
    // Guessing on, one at a time, reaches five failures and no more.
    let failures = checked;
    for (let next = 0; next < 10; next += 1) {
      const status = (await signIn(next % 2 === 0 ? b : a, email, `later guess ${next}`)).status;
      if (status === 429) break;
      expect(status).toBe(401);
      failures += 1;
    }
    expect(failures).toBe(5);
    // And the right password is paused too, on either process.
    expect((await signIn(a, email)).status).toBe(429);
  });

  it("refuses on B a target sent with the version B read before A changed it (409 with what it is now), and both writes are in the trail", async () => {
    const managerOnA = await signedIn(a, "manager@kent-partnership.example");
    const managerOnB = await signedIn(b, "manager@kent-partnership.example");
    const readOnB = await targetOf(b, "2010/11");
    const first = await call(a, managerOnA, "PUT", `${ni47}/targets`, {
      year: "2010/11",
      target: { form: "absolute", value: "850" },
      written: "850 by March 2011 (through A)",
      version: readOnB.version,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);

    const stale = await call(b, managerOnB, "PUT", `${ni47}/targets`, {
      year: "2010/11",
      target: { form: "absolute", value: "800" },
      written: "800 by March 2011 (through B, stale)",
      version: readOnB.version,
    });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.body)).toContain("850 by March 2011 (through A)");

    const current = await targetOf(b, "2010/11");
    expect(current.written).toBe("850 by March 2011 (through A)");
    const second = await call(b, managerOnB, "PUT", `${ni47}/targets`, {
      year: "2010/11",
      target: { form: "absolute", value: "800" },
      written: "800 by March 2011 (through B)",
      version: current.version,
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);

    for (const server of [a, b]) {
      const history = await call(server, managerOnA, "GET", `${ni47}/history`);
      expect(history.status).toBe(200);
      const entries = (history.body as { history: { action: string; after: { written?: string } | null }[] }).history;
      const written = entries.map((entry) => entry.after?.written);
      expect(written).toContain("850 by March 2011 (through A)");
      expect(written).toContain("800 by March 2011 (through B)");
      expect(written).not.toContain("800 by March 2011 (through B, stale)");
    }
  });

  it("serves on B the agreement as A has just changed it, though B had the page kept and tagged", async () => {
    const kept = await call(b, null, "GET", ni47);
    const tag = kept.headers.get("etag") ?? "";
    expect(tag).not.toBe("");
    expect((await call(b, null, "GET", ni47, undefined, { "if-none-match": tag })).status).toBe(304);

    const manager = await signedIn(a, "manager@kent-partnership.example");
    const before = await targetOf(a, "2010/11");
    const written = await call(a, manager, "PUT", `${ni47}/targets`, {
      year: "2010/11",
      target: { form: "absolute", value: "700" },
      written: "700 by March 2011, set on A",
      version: before.version,
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);

    const fresh = await call(b, null, "GET", ni47, undefined, { "if-none-match": tag });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("etag")).not.toBe(tag);
    expect((fresh.body as { targets: TargetRow[] }).targets.find((row) => row.year === "2010/11")?.written).toBe("700 by March 2011, set on A");
  });
});
