/**
 * Issue 8 point 2 with several Accord processes on one PostgreSQL: each keeps the views it has
 * built, and none serves one after another process has changed the agreement, because the count
 * of changes lives in the database. And twenty writers at once neither deadlock on that count
 * nor lose a change.
 */
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementIndicatorPageView } from "@accord/domain";
import { openDatabase } from "../src/db/client.js";
import type { Database } from "../src/db/client.js";
import { buildApp } from "../src/http/app.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let first: TestApp;
let secondDatabase: Database;
let second: FastifyInstance;

beforeAll(async () => {
  first = await createTestApp();
  const url = first.database.env.DATABASE_URL;
  if (!url) throw new Error("this file runs on PostgreSQL only");
  secondDatabase = await openDatabase({ databaseUrl: url });
  second = await buildApp({ database: secondDatabase, logger: false });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await secondDatabase?.close();
  await first?.close();
});

const ni47 = "/api/agreements/kent-ka2/indicators/ni-47";

async function changesOfKa2(): Promise<number> {
  const rows = await queryRows(first.database.db, sql`SELECT c.changes FROM agreement_changes c JOIN agreements a ON a.id = c.agreement_id WHERE a.slug = 'kent-ka2'`);
  return Number(rows[0]?.changes);
}

describe("two Accord processes on one PostgreSQL", () => {
  it("a target written through one is read through the other at once, though the other had the page built and kept", async () => {
    const kept = await second.inject({ method: "GET", url: ni47 });
    expect(kept.statusCode).toBe(200);
    const tag = kept.headers.etag;
    expect(typeof tag).toBe("string");
    // Read twice more so the second process certainly answers from what it kept.
    expect((await second.inject({ method: "GET", url: ni47, headers: { "if-none-match": String(tag) } })).statusCode).toBe(304);

    const manager = await signIn(first.app, "manager@kent-partnership.example");
    const before = kept.json<AgreementIndicatorPageView>();
    const written = await send(first.app, manager, { method: "PUT", url: `${ni47}/targets`, body: { year: "2008/09", target: { form: "absolute", value: "900" }, written: "900 by March 2009", version: before.targets.find((t) => t.year === "2008/09")?.version } });
    expect(written.status, JSON.stringify(written.body)).toBe(200);

    const fresh = await second.inject({ method: "GET", url: ni47, headers: { "if-none-match": String(tag) } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(tag);
    expect(fresh.json<AgreementIndicatorPageView>().targets.find((t) => t.year === "2008/09")?.written).toBe("900 by March 2009");
  });
});

describe("twenty writers at once on one agreement", () => {
  it("all succeed or are refused cleanly, none deadlocks, and each committed write counts once", async () => {
    const sessions: Record<string, Session> = {
      viewer: await signIn(first.app, "member@kent.example"),
      partner: await signIn(second, "partner@kent-police.example"),
      negotiator: await signIn(first.app, "negotiator@gose.example"),
      manager: await signIn(second, "manager@kent-partnership.example"),
    };
    const start = await changesOfKa2();
    const comment = (key: string) => () =>
      send(first.app, sessions.viewer ?? null, { method: "POST", url: `/api/agreements/kent-ka2/indicators/${key}/comments`, body: { body: `Board question on ${key}` } });
    const signUp = (key: string) => () =>
      send(second, sessions.partner ?? null, { method: "POST", url: `/api/agreements/kent-ka2/indicators/${key}/sign-ups`, body: { organisation: "kent-police", role: "statutory" } });
    // Negotiation entries on one indicator's targets, through both processes: the same rows, locked in turn.
    const proposal = (app: FastifyInstance, change: string) => () =>
      send(app, sessions.negotiator ?? null, {
        method: "POST",
        url: `${ni47}/negotiation`,
        body: {
          kind: "counter-proposal",
          proposal: [
            { year: "2009/10", target: { form: "relative", direction: "reduction", change, changeUnit: "percent" }, written: `${change}% reduction` },
            { year: "2010/11", target: { form: "relative", direction: "reduction", change, changeUnit: "percent" }, written: `${change}% reduction` },
          ],
        },
      });
    const pending = (key: string) => () =>
      send(second, sessions.manager ?? null, { method: "PUT", url: `/api/agreements/kent-ka2/indicators/${key}/baseline-pending`, body: { reason: `Awaiting the survey for ${key}` } });
    // Indicators where each write is allowed: Kent Police not yet signed up, no baseline set or pending yet.
    const indicators = (await first.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/indicators?kind=designated" })).json<{ indicators: AgreementIndicatorPageView[] }>().indicators;
    const unsigned = indicators.filter((i) => i.state === "active" && !i.partners.some((p) => p.organisation.slug === "kent-police")).map((i) => i.key);
    const noBaseline = indicators.filter((i) => i.baselines.length === 0 && i.baselinePending === null && i.key !== "ni-47").map((i) => i.key);
    expect(unsigned.length).toBeGreaterThanOrEqual(5);
    expect(noBaseline.length).toBeGreaterThanOrEqual(1);
    const writes = [
      ...["ni-163", "ni-171", "ni-152", "ni-188", "ni-161", "ni-162", "ni-155", "ni-159", "ni-154"].map(comment),
      ...unsigned.slice(0, 5).map(signUp),
      ...["50", "51", "52", "53", "54"].map((change, i) => proposal(i % 2 === 0 ? first.app : second, change)),
      ...noBaseline.slice(0, 1).map(pending),
    ];
    expect(writes).toHaveLength(20);
    const answers = await Promise.all(writes.map((write) => write()));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status >= 500), JSON.stringify(answers.filter((a) => a.status >= 500).map((a) => a.body))).toEqual([]);
    const committed = statuses.filter((status) => status < 300).length;
    expect(committed).toBe(20);
    expect(await changesOfKa2()).toBe(start + committed);

    // Every change is in the answer of either process.
    for (const app of [first.app, second]) {
      const now = (await app.inject({ method: "GET", url: "/api/agreements/kent-ka2/indicators?kind=designated" })).json<{ indicators: AgreementIndicatorPageView[] }>().indicators;
      const byKey = new Map(now.map((i) => [i.key, i]));
      for (const key of unsigned.slice(0, 5)) {
        expect(byKey.get(key)?.partners.some((p) => p.organisation.slug === "kent-police" && p.role === "statutory"), key).toBe(true);
      }
      for (const key of noBaseline.slice(0, 4)) expect(byKey.get(key)?.baselinePending?.reason).toBe(`Awaiting the survey for ${key}`);
      expect(byKey.get("ni-47")?.statusHistory.filter((entry) => entry.kind === "counter-proposal").length).toBeGreaterThanOrEqual(5);
    }
  });
});
