/**
 * Twenty people saving the first draft of the same return at once on PostgreSQL: the unique index
 * on (round, indicator) lets exactly one start it; the others get 409 with the return as it now
 * stands, and one draft and one audit event are written.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let officer: Session;
const ni47 = "/api/agreements/kent-ka2/rounds/2010-11-h1/returns/ni-47";

beforeAll(async () => {
  api = await createTestApp();
  const manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  const opened = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/rounds", body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  await api?.close();
});

it("starts NI 47's return once when twenty first drafts race, answering the rest 409 with the saved draft", async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, index) => send(api.app, officer, { method: "PUT", url: ni47, body: { progress: `Draft ${index + 1}` } })),
  );
  const statuses = results.map((result) => result.status);
  expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  const winner = results.find((result) => result.status === 200)?.json<{ progress: string; version: number }>();
  expect(winner?.version).toBe(1);
  for (const refused of results.filter((result) => result.status === 409)) {
    expect(refused.json<{ error: { field: string }; current: { progress: string; version: number } }>()).toMatchObject({
      error: { field: "version" },
      current: { progress: winner?.progress, version: 1 },
    });
  }
  const [rows] = await queryRows(api.database.db, sql`select count(*)::int as n from indicator_returns r join monitoring_rounds m on m.id = r.round_id
        join reporting_periods p on p.id = m.period_id where p.label = '2010/11 H1'`);
  expect(Number(rows?.n)).toBe(1);
  const [audits] = await queryRows(api.database.db, sql`select count(*)::int as n from audit_events where action = 'return.save' and after->>'round' = '2010-11-h1'`);
  expect(Number(audits?.n)).toBe(1);
});

it("never lets a value change after NI 47's return is submitted, when the submission races twelve new values", async () => {
  const districts = ["E07000105", "E07000106", "E07000107", "E07000108", "E07000109", "E07000110", "E07000111", "E07000112", "E07000113", "E07000114", "E07000115", "E07000116"];
  const values = "/api/agreements/kent-ka2/indicators/ni-47/observations";
  // Each value sets off a little after the one before, the submission in the middle of them.
  const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
  const writing: Promise<Awaited<ReturnType<typeof send>>>[] = [];
  let submitting: Promise<Awaited<ReturnType<typeof send>>> | null = null;
  for (const [index, area] of districts.entries()) {
    if (index === 3) submitting = send(api.app, officer, { method: "POST", url: `${ni47}/submit`, body: { version: 1 } });
    writing.push(send(api.app, officer, { method: "POST", url: values, body: { period: "2010/11 H1", area, value: "40" } }));
    await pause();
  }
  const submitted = await submitting;
  const written = await Promise.all(writing);
  expect(submitted?.status).toBe(200);
  for (const one of written) {
    if (one.status !== 201) {
      expect(one.status).toBe(409);
      expect(one.json<{ error: { message: string } }>().error.message).toMatch(/is submitted, so its values are locked/);
    }
  }
  // Every value that was taken was written before the submission, in the audit trail's order.
  const [submission] = await queryRows(api.database.db, sql`select id from audit_events where action = 'return.submit'`);
  const recorded = await queryRows(
    api.database.db,
    sql`select id from audit_events where action = 'observation.record' and after->>'period' = '2010/11 H1'`,
  );
  expect(recorded).toHaveLength(written.filter((one) => one.status === 201).length);
  expect(recorded.every((row) => Number(row.id) < Number(submission?.id))).toBe(true);
});
