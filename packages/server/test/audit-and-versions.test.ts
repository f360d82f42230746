import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import { queryRows } from "./support/sql.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let officer: Session;
let negotiator: Session;
beforeAll(async () => {
  api = await createTestApp();
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  negotiator = await signIn(api.app, "negotiator@gose.example");
});
afterAll(async () => {
  await api?.close();
});

interface TargetRow {
  year: string;
  component: string;
  value: string | null;
  written: string;
  version: number;
}

async function auditCount(): Promise<number> {
  const [row] = await queryRows(api.database.db, sql`select count(*)::int as n from audit_events`);
  return Number(row?.n ?? -1);
}

async function ni47Target(year: string): Promise<TargetRow & { target: unknown }> {
  const page = await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47" });
  const target = page.json<{ targets: (TargetRow & { target: unknown })[] }>().targets.find((t) => t.year === year);
  if (!target) throw new Error(`no ${year} target`);
  return target;
}

describe("the audit trail", () => {
  it("shows a change made through the API in the indicator's history with the person, time, before and after", async () => {
    const current = await ni47Target("2010/11");
    const changed = await send(api.app, officer, {
      method: "PUT",
      url: "/api/agreements/kent-ka2/indicators/ni-47/targets",
      body: { year: "2010/11", component: current.component, target: { form: "relative", direction: "reduction", change: "40", changeUnit: "percent" }, written: "40% reduction", version: current.version },
    });
    expect(changed.status).toBe(200);
    expect(changed.json<TargetRow>().value).toBe("709.8");
    const history = await send(api.app, officer, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47/history" });
    const [latest] = history.json<{ history: { actor: string; at: string; action: string; before: TargetRow; after: TargetRow }[] }>().history;
    expect(latest?.actor).toMatch(/Road Safety Accountable Officer \(NI 47\)/);
    expect(latest?.action).toBe("target.set");
    expect(Date.now() - new Date(latest?.at ?? 0).getTime()).toBeLessThan(60_000);
    expect(latest?.before.value).toBe(current.value);
    expect(latest?.after).toMatchObject({ value: "709.8", written: "40% reduction", version: current.version + 1 });
  });

  it("leaves no audit row for a write that fails", async () => {
    const before = await auditCount();
    const stale = await send(api.app, officer, {
      method: "PUT",
      url: "/api/agreements/kent-ka2/indicators/ni-47/targets",
      body: { year: "2010/11", target: { form: "absolute", value: "1" }, written: "1", version: 1 },
    });
    expect(stale.status).toBe(409);
    const forbidden = await send(api.app, officer, { method: "PUT", url: "/api/agreements/kent-ka2/indicators/ni-155/targets", body: { year: "2008/09", target: { form: "absolute", value: "1" }, written: "1" } });
    expect(forbidden.status).toBe(403);
    const badYear = await send(api.app, officer, { method: "PUT", url: "/api/agreements/kent-ka2/indicators/ni-47/targets", body: { year: "2012/13", target: { form: "absolute", value: "1" }, written: "1" } });
    expect(badYear.status).toBe(400);
    expect(badYear.json<{ error: { field: string } }>().error.field).toBe("year");
    expect(await auditCount()).toBe(before);
  });

  it("cannot be changed, even by SQL", async () => {
    const refusal = async (statement: ReturnType<typeof sql>): Promise<string> => {
      try {
        await api.database.db.execute(statement);
        return "allowed";
      } catch (error) {
        return String((error as Error).cause ?? error);
      }
    };
    expect(await refusal(sql`update audit_events set actor = 'someone else'`)).toMatch(/audit trail cannot be changed/);
    expect(await refusal(sql`delete from audit_events`)).toMatch(/audit trail cannot be changed/);
  });

  it("records the Government Office's position and shows it in the position summary", async () => {
    const recorded = await send(api.app, negotiator, {
      method: "POST",
      url: "/api/agreements/kent-ka2/indicators/ni-47/negotiation",
      body: { kind: "agreement-with-government-office", basis: "amended", note: "Agreed at 592", proposal: [{ year: "2010/11", version: (await ni47Target("2010/11")).version, target: { form: "absolute", value: "592" } }] },
    });
    expect(recorded.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const summary = await send(api.app, null, { method: "GET", url: `/api/agreements/kent-ka2/position-summary?asAt=${today}` });
    expect(summary.json()).toMatchObject({ agreedWithGovernmentOffice: 3, underDiscussion: 22, afterDeadline: 10, total: 35 });
  });
});

describe("lost updates", () => {
  it("gives one success and one 409 with the current state when two people write the same target from the same read", async () => {
    const manager = await signIn(api.app, "manager@kent-partnership.example");
    const read = await ni47Target("2010/11");
    const write = (session: Session, change: string) =>
      send(api.app, session, {
        method: "PUT",
        url: "/api/agreements/kent-ka2/indicators/ni-47/targets",
        body: { year: "2010/11", component: read.component, target: { form: "relative", direction: "reduction", change, changeUnit: "percent" }, written: `${change}% reduction`, version: read.version },
      });
    const results = await Promise.all([write(officer, "45"), write(manager, "55")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)?.json<TargetRow>();
    const loser = results.find((r) => r.status === 409)?.json<{ error: { code: string; field: string }; current: TargetRow }>();
    expect(loser?.error).toMatchObject({ code: "CONFLICT", field: "version" });
    // The refusal shows the target as the winner left it.
    expect(loser?.current).toMatchObject({ version: read.version + 1, written: winner?.written });
    const after = await ni47Target("2010/11");
    expect(after.written).toBe(winner?.written);
    expect(after.version).toBe(read.version + 1);
  });
});
