/**
 * Monitoring rounds through the API on a real database (PGlite and PostgreSQL): a manager opens
 * the round for a period, closes it and publishes it; one round per period, also when twenty
 * requests race; stale writes get 409; the public sees published rounds only. The demo holds its
 * own illustrative rounds (2008/09 H1 and H2 published, 2009/10 H1 open), so the rounds opened
 * here are for periods after them.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let officer: Session;
const rounds = "/api/agreements/kent-ka2/rounds";

interface Round {
  key: string;
  period: { label: string; start: string; end: string };
  dueDate: string;
  status: string;
  openedBy: string;
  version: number;
}
interface Refusal {
  error: { code: string; field?: string; message: string };
  current?: Round;
}

async function roundCount(): Promise<number> {
  const [row] = await queryRows(api.database.db, sql`select count(*)::int as n from monitoring_rounds`);
  return Number(row?.n);
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

describe("opening a round", () => {
  it("opens 2010/11 H2 with returns due six weeks after the period ends, by the manager signed in", async () => {
    const opened = await send(api.app, manager, { method: "POST", url: rounds, body: { period: "2010/11 h2" } });
    expect(opened.status).toBe(201);
    expect(opened.json<Round>()).toMatchObject({
      key: "2010-11-h2",
      period: { label: "2010/11 H2", start: "2010-10-01", end: "2011-03-31" },
      dueDate: "2011-05-12",
      status: "open",
      version: 1,
    });
    expect(opened.json<Round>().openedBy).toMatch(/<manager@kent-partnership.example>/);
    const read = await send(api.app, manager, { method: "GET", url: `${rounds}/2010-11-h2` });
    expect(read.json<Round>().dueDate).toBe("2011-05-12");
    const [audit] = await queryRows(
      api.database.db,
      sql`select actor, after from audit_events where action = 'round.open' order by id desc limit 1`,
    );
    expect(audit?.actor).toMatch(/manager@kent-partnership.example/);
    expect(audit?.after).toMatchObject({ key: "2010-11-h2", status: "open" });
  });

  it("takes the due date the manager gives", async () => {
    const opened = await send(api.app, manager, { method: "POST", url: rounds, body: { period: "2011/12 H1", dueDate: "2011-11-01" } });
    expect(opened.status).toBe(201);
    expect(opened.json<Round>().dueDate).toBe("2011-11-01");
  });

  it("refuses a second round for the same period with 409 naming it, and writes nothing", async () => {
    const before = await roundCount();
    const again = await send(api.app, manager, { method: "POST", url: rounds, body: { period: "2010/11 H2" } });
    expect(again.status).toBe(409);
    expect(again.json<Refusal>().error).toMatchObject({ code: "CONFLICT", field: "period" });
    expect(again.json<Refusal>().error.message).toContain("2010/11 H2");
    // The demo's own rounds count as already opened too.
    const demo = await send(api.app, manager, { method: "POST", url: rounds, body: { period: "2008/09 H1" } });
    expect(demo.status).toBe(409);
    expect(demo.json<Refusal>().error.message).toContain("2008/09 H1");
    expect(await roundCount()).toBe(before);
  });

  it("refuses a due date on or before the period's end, and a period it cannot read, naming the field", async () => {
    const before = await roundCount();
    const early = await send(api.app, manager, { method: "POST", url: rounds, body: { period: "2011/12 H2", dueDate: "2012-03-31" } });
    expect(early.status).toBe(400);
    expect(early.json<Refusal>().error).toMatchObject({ field: "dueDate" });
    expect(early.json<Refusal>().error.message).toContain("2012-03-31");
    const unreadable = await send(api.app, manager, { method: "POST", url: rounds, body: { period: "autumn-ish" } });
    expect(unreadable.status).toBe(400);
    expect(unreadable.json<Refusal>().error.field).toBe("period");
    expect(await roundCount()).toBe(before);
  });

  it("lets only a manager open a round", async () => {
    const refused = await send(api.app, officer, { method: "POST", url: rounds, body: { period: "2011/12 H2" } });
    expect(refused.status).toBe(403);
    expect(refused.json<Refusal>().error.message).toMatch(/manager/);
  });

  it("opens exactly one round when twenty managers' requests for the same period race", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => send(api.app, manager, { method: "POST", url: rounds, body: { period: "2010/11 H1" } })),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const [row] = await queryRows(
      api.database.db,
      sql`select count(*)::int as n from monitoring_rounds r join reporting_periods p on p.id = r.period_id
          where p.label = '2010/11 H1'`,
    );
    expect(Number(row?.n)).toBe(1);
  });
});

describe("closing and publishing a round", () => {
  it("keeps an unpublished round from the public, then shows it once closed and published", async () => {
    // The public sees the demo's two published rounds, not its open one nor the one just opened.
    const listed = await send(api.app, null, { method: "GET", url: rounds });
    expect(listed.json<{ rounds: Round[] }>().rounds.map((round) => round.key)).toEqual(["2008-09-h1", "2008-09-h2"]);
    expect((await send(api.app, null, { method: "GET", url: `${rounds}/2010-11-h2` })).status).toBe(404);
    expect((await send(api.app, null, { method: "GET", url: `${rounds}/2009-10-h1` })).status).toBe(404);
    const seen = await send(api.app, officer, { method: "GET", url: rounds });
    expect(seen.json<{ rounds: Round[] }>().rounds.map((round) => round.key)).toContain("2010-11-h2");

    const early = await send(api.app, manager, { method: "POST", url: `${rounds}/2010-11-h2/publish`, body: { version: 1 } });
    expect(early.status).toBe(409);
    expect(early.json<Refusal>().error).toMatchObject({ field: "status" });
    expect(early.json<Refusal>().error.message).toMatch(/is open; only a round that is closed can be published/);

    const closed = await send(api.app, manager, { method: "POST", url: `${rounds}/2010-11-h2/close`, body: { version: 1 } });
    expect(closed.status).toBe(200);
    expect(closed.json<Round>()).toMatchObject({ status: "closed", version: 2 });
    const published = await send(api.app, manager, { method: "POST", url: `${rounds}/2010-11-h2/publish`, body: { version: 2 } });
    expect(published.status).toBe(200);
    expect(published.json<Round>()).toMatchObject({ status: "published", version: 3 });

    const publicList = await send(api.app, null, { method: "GET", url: rounds });
    expect(publicList.json<{ rounds: Round[] }>().rounds.map((round) => round.key)).toEqual(["2008-09-h1", "2008-09-h2", "2010-11-h2"]);
    const [audit] = await queryRows(
      api.database.db,
      sql`select before, after from audit_events where action = 'round.publish' order by id desc limit 1`,
    );
    expect(audit?.before).toMatchObject({ status: "closed" });
    expect(audit?.after).toMatchObject({ status: "published" });
  });

  it("refuses a stale close with 409 and the round as it stands, and changes nothing", async () => {
    const stale = await send(api.app, manager, { method: "POST", url: `${rounds}/2011-12-h1/close`, body: { version: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.json<Refusal>().error).toMatchObject({ code: "CONFLICT", field: "version" });
    expect(stale.json<Refusal>().current).toMatchObject({ key: "2011-12-h1", status: "open", version: 1 });
    const read = await send(api.app, manager, { method: "GET", url: `${rounds}/2011-12-h1` });
    expect(read.json<Round>()).toMatchObject({ status: "open", version: 1 });
  });

  it("answers 404 for a round that does not exist", async () => {
    const missing = await send(api.app, manager, { method: "POST", url: `${rounds}/2001-02-h1/close`, body: { version: 1 } });
    expect(missing.status).toBe(404);
    expect(missing.json<Refusal>().error.field).toBe("round");
  });
});
