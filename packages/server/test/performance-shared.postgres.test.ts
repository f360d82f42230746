/**
 * The dashboard with two Accord processes on one PostgreSQL: each keeps the dashboards it has
 * built, keyed by the agreement's count of changes in the database, so a value recorded through
 * one is on the other's dashboard at once; and twelve district values recorded at once, with
 * dashboards read between them, end with every one of them counted.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import type { Database } from "../src/db/client.js";
import type { Dashboard } from "../src/features/performance/schema.js";
import { buildApp } from "../src/http/app.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let first: TestApp;
let secondDatabase: Database;
let second: FastifyInstance;
let manager: Session;
let managerOnSecond: Session;
const ka2 = "/api/agreements/kent-ka2";
const districts = Array.from({ length: 12 }, (_, index) => `E07000${105 + index}`);

beforeAll(async () => {
  first = await createTestApp();
  const url = first.database.env.DATABASE_URL;
  if (!url) throw new Error("this file runs on PostgreSQL only");
  secondDatabase = await openDatabase({ databaseUrl: url });
  second = await buildApp({ database: secondDatabase, logger: false });
  await second.ready();
  manager = await signIn(first.app, "manager@kent-partnership.example");
  managerOnSecond = await signIn(second, "manager@kent-partnership.example");
  const opened = await send(first.app, manager, { method: "POST", url: `${ka2}/rounds`, body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  await second?.close();
  await secondDatabase?.close();
  await first?.close();
});

function ni47(view: Dashboard) {
  return view.indicators.find((row) => row.code === "NI 47");
}

describe("the dashboard on two Accord processes sharing one PostgreSQL", () => {
  it("shows a value recorded through one process on the other's kept dashboard at once", async () => {
    const kept = await send(second, managerOnSecond, { method: "GET", url: `${ka2}/performance?round=2010-11-h1` });
    expect(kept.status).toBe(200);
    // Before the value, NI 47 stands at the demo's latest illustrative figure, not at 2010/11 H1.
    expect(ni47(kept.json<Dashboard>())?.period).not.toBe("2010/11 H1");
    expect(ni47(kept.json<Dashboard>())?.actual).not.toBe("700");
    const url = `${ka2}/performance?round=2010-11-h1`;
    const tag = String((await second.inject({ method: "GET", url, headers: { cookie: managerOnSecond.cookie } })).headers.etag);
    // The second process answers from what it kept: nothing has changed.
    expect((await second.inject({ method: "GET", url, headers: { cookie: managerOnSecond.cookie, "if-none-match": tag } })).statusCode).toBe(304);
    const recorded = await send(first.app, manager, {
      method: "POST",
      url: `${ka2}/indicators/ni-47/observations`,
      body: { period: "2010/11 H1", area: "E10000016", value: "700" },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const fresh = await second.inject({ method: "GET", url, headers: { cookie: managerOnSecond.cookie, "if-none-match": tag } });
    expect(fresh.statusCode).toBe(200);
    expect(ni47(fresh.json<Dashboard>())).toMatchObject({ period: "2010/11 H1", actual: "700" });
  });

  it("counts every one of twelve district values recorded at once while dashboards are read between them", async () => {
    const writes = districts.map((area, index) =>
      send(index % 2 === 0 ? first.app : second, index % 2 === 0 ? manager : managerOnSecond, {
        method: "POST",
        url: `${ka2}/indicators/ni-155/observations`,
        body: { period: "2010/11 H1", area, value: String(10 + index) },
      }),
    );
    const reads = Array.from({ length: 12 }, (_, index) =>
      send(index % 2 === 0 ? second : first.app, index % 2 === 0 ? managerOnSecond : manager, { method: "GET", url: `${ka2}/performance?round=2010-11-h1` }),
    );
    const [written, read] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
    expect(written.map((one) => one.status)).toEqual(districts.map(() => 201));
    expect(read.map((one) => one.status)).toEqual(reads.map(() => 200));
    // 10 + 11 + … + 21 = 186 homes in 2010/11 H1, on top of whatever came before: both processes agree.
    const ranked = await send(second, managerOnSecond, { method: "GET", url: `${ka2}/indicators/ni-155/districts?round=2010-11-h1` });
    const again = await send(first.app, manager, { method: "GET", url: `${ka2}/indicators/ni-155/districts?round=2010-11-h1` });
    expect(ranked.json()).toEqual(again.json());
    expect(ranked.json<{ county: { value: string | null }; districts: { value: string | null }[] }>()).toMatchObject({ county: { value: "186" } });
    expect(ranked.json<{ districts: { value: string | null }[] }>().districts.every((one) => one.value !== null)).toBe(true);
  });
});
