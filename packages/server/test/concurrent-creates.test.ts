/**
 * Twenty people creating the same thing at the same moment: exactly one succeeds and the others
 * hear clearly what already exists (409, naming the field, with the current state where there
 * is one), or — for "sign up to all", where that is what the user wants — every click succeeds
 * and the organisation ends up signed up once. Never a 500 (a unique violation or a deadlock).
 * On PGlite transactions run one at a time, so this is trivially serial; on PostgreSQL it is
 * the real race.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Sent, Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
const clients = 20;

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

/** The same request from twenty clients at once (each with its own body when `body` is a function). */
async function race(method: string, url: string, body: unknown | ((client: number) => unknown)): Promise<Sent[]> {
  const bodyFor = (client: number) => (typeof body === "function" ? (body as (client: number) => unknown)(client) : body);
  return Promise.all(Array.from({ length: clients }, (_, client) => send(api.app, manager, { method, url, body: bodyFor(client) })));
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
  current?: unknown;
}

/** Exactly one success; every other answer a 409 with a message and the field it is about. */
function expectOneWinner(responses: Sent[], success: number, field: string): void {
  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => status >= 500), `server errors among ${statuses.join(",")}`).toEqual([]);
  expect(statuses.filter((status) => status === success).length, `statuses ${statuses.join(",")}`).toBe(1);
  for (const response of responses.filter((r) => r.status !== success)) {
    expect(response.status).toBe(409);
    const error = (response.body as ErrorBody).error;
    expect(error?.code).toBe("CONFLICT");
    expect(error?.message?.length).toBeGreaterThan(10);
    expect(error?.field).toBe(field);
  }
}

const agreementIndicator = (key: string) => sql`(select ai.id from agreement_indicators ai join indicator_definitions d on d.id = ai.indicator_id
  join agreements a on a.id = ai.agreement_id where a.slug = 'kent-ka2' and d.key = ${key})`;
const ni47 = agreementIndicator("ni-47");

const count = async (query: ReturnType<typeof sql>): Promise<number> => Number((await queryRows(api.database.db, query))[0]?.n ?? -1);

describe("twenty clients creating the same thing at once", () => {
  it("issue one bulletin; the others are told it was just issued", async () => {
    // Something new to report: a target set for a year that had none.
    await api.database.db.execute(sql`delete from targets where financial_year = '2008/09' and agreement_indicator_id = ${ni47}`);
    const news = await send(api.app, manager, {
      method: "PUT",
      url: "/api/agreements/kent-ka2/indicators/ni-47/targets",
      body: { year: "2008/09", target: { form: "absolute", value: "640" }, written: "640" },
    });
    expect(news.status).toBe(200);
    const before = await count(sql`select count(*) as n from bulletins`);
    expectOneWinner(await race("POST", "/api/agreements/kent-ka2/bulletins", {}), 201, "since");
    expect(await count(sql`select count(*) as n from bulletins`)).toBe(before + 1);
  });

  it("set one new year's target; the others get the target that now exists", async () => {
    await api.database.db.execute(sql`delete from targets where financial_year = '2010/11' and agreement_indicator_id = ${ni47}`);
    const responses = await race("PUT", "/api/agreements/kent-ka2/indicators/ni-47/targets", (client: number) => ({
      year: "2010/11",
      target: { form: "absolute", value: String(500 + client) },
      written: `Proposed at ${500 + client}`,
    }));
    expectOneWinner(responses, 200, "version");
    const winner = responses.find((r) => r.status === 200)?.json<{ written: string; version: number }>();
    for (const loser of responses.filter((r) => r.status === 409)) {
      expect((loser.body as ErrorBody).current).toMatchObject({ year: "2010/11", written: winner?.written, version: winner?.version });
    }
  });

  it("set one first baseline; the others get the baseline that now exists", async () => {
    await api.database.db.execute(sql`delete from baselines where agreement_indicator_id = ${ni47}`);
    const responses = await race("PUT", "/api/agreements/kent-ka2/indicators/ni-47/baselines", (client: number) => ({
      component: "all",
      value: String(1100 + client),
      written: `${1100 + client} killed or seriously injured`,
    }));
    expectOneWinner(responses, 200, "version");
    const winner = responses.find((r) => r.status === 200)?.json<{ value: string }>();
    for (const loser of responses.filter((r) => r.status === 409)) expect((loser.body as ErrorBody).current).toMatchObject({ value: winner?.value });
  });

  it("sign an organisation up once; the others are told it is already signed up", async () => {
    await api.database.db.execute(sql`delete from partner_sign_ups where organisation_id = (select id from organisations where slug = 'kent-police')`);
    const responses = await race("POST", "/api/agreements/kent-ka2/indicators/ni-47/sign-ups", { organisation: "kent-police", role: "statutory" });
    expectOneWinner(responses, 201, "role");
    expect(await count(sql`select count(*) as n from partner_sign_ups where organisation_id = (select id from organisations where slug = 'kent-police')`)).toBe(1);
  });

  it("write a district's first local action plan once; the others get the plan that now exists", async () => {
    await api.database.db.execute(sql`delete from local_action_plans where area_id = (select id from areas where code = 'E07000114')`);
    const responses = await race("PUT", "/api/agreements/kent-ka2/districts/E07000114/local-action-plan", (client: number) => ({
      summary: `Thanet's plan, draft ${client}`,
      supportedIndicators: ["ni-47"],
    }));
    expectOneWinner(responses, 200, "version");
    const winner = responses.find((r) => r.status === 200)?.json<{ summary: string }>();
    for (const loser of responses.filter((r) => r.status === 409)) expect((loser.body as ErrorBody).current).toMatchObject({ summary: winner?.summary });
  });

  it("invite a person once; the others are told the account exists", async () => {
    const responses = await race("POST", "/api/users", { email: "new.officer@kent.example", name: "New Officer" });
    expectOneWinner(responses, 201, "email");
    expect(await count(sql`select count(*) as n from users where email = 'new.officer@kent.example'`)).toBe(1);
  });

  it("record one pending baseline; nobody gets a server error and one of the reasons is kept", async () => {
    const indicator = agreementIndicator("ni-155");
    await api.database.db.execute(sql`delete from baselines where agreement_indicator_id = ${indicator}`);
    await api.database.db.execute(sql`delete from pending_baselines where agreement_indicator_id = ${indicator}`);
    const reasons = Array.from({ length: clients }, (_, client) => `Waiting for the Place Survey (note ${client})`);
    const responses = await race("PUT", "/api/agreements/kent-ka2/indicators/ni-155/baseline-pending", (client: number) => ({ reason: reasons[client] }));
    const statuses = responses.map((response) => response.status);
    // A pending baseline carries a version: the first writer records it, and everyone who wrote
    // without having read it (a later writer, or one who lost the race) gets a 409 with what is there.
    expect(statuses.filter((status) => status !== 200 && status !== 409), statuses.join(",")).toEqual([]);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const loser of responses.filter((r) => r.status === 409)) {
      expect((loser.body as ErrorBody).error?.field).toBe("version");
      expect(reasons).toContain((loser.body as { current?: { reason?: string } }).current?.reason);
    }
    const rows = await queryRows(api.database.db, sql`select reason from pending_baselines where agreement_indicator_id = ${indicator}`);
    expect(rows).toHaveLength(1);
    expect(reasons).toContain(rows[0]?.reason);
  });

  it("sign up to all: every click succeeds and the organisation is signed up to each target once", async () => {
    await api.database.db.execute(sql`delete from partner_sign_ups where organisation_id = (select id from organisations where slug = 'kent-police')`);
    const responses = await race("POST", "/api/agreements/kent-ka2/sign-ups", { organisation: "kent-police", role: "statutory" });
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201), statuses.join(",")).toBe(true);
    const answers = responses.map((response) => response.json<{ signedUp: string[]; alreadySignedUp: string[] }>());
    const everyTarget = [...(answers[0]?.signedUp ?? []), ...(answers[0]?.alreadySignedUp ?? [])].sort();
    expect(everyTarget.length).toBeGreaterThan(20);
    // Each answer covers every designated target; together they signed each up exactly once.
    for (const answer of answers) expect([...answer.signedUp, ...answer.alreadySignedUp].sort()).toEqual(everyTarget);
    expect(answers.flatMap((answer) => answer.signedUp).sort()).toEqual(everyTarget);
    const rows = await count(sql`select count(*) as n from partner_sign_ups where organisation_id = (select id from organisations where slug = 'kent-police')`);
    expect(rows).toBe(everyTarget.length);
  });
});
