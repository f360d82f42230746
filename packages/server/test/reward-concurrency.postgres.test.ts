/**
 * Managers changing the reward grant at once on PostgreSQL: twenty saves of the assumptions from
 * the same version let exactly one win, and twenty first reward targets for one indicator let
 * exactly one be added; the rest get 409 with what now stands, and one audit event is written each.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
const ka2 = "/api/agreements/kent-ka2";

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

async function audits(action: string): Promise<number> {
  const [row] = await queryRows(api.database.db, sql`select count(*)::int as n from audit_events where action = ${action}`);
  return Number(row?.n);
}

it("saves one of twenty changes to the assumptions made from the same version, answering the rest 409 with the winner", async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      send(api.app, manager, { method: "PUT", url: `${ka2}/reward/assumptions`, body: { version: 1, sharePercent: `2.${index + 1}` } }),
    ),
  );
  const statuses = results.map((result) => result.status);
  expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  const winner = results.find((result) => result.status === 200)?.json<{ sharePercent: string; version: number }>();
  expect(winner?.version).toBe(2);
  for (const refused of results.filter((result) => result.status === 409)) {
    expect(refused.json<{ current: { sharePercent: string; version: number } }>().current).toEqual(expect.objectContaining({ sharePercent: winner?.sharePercent, version: 2 }));
  }
  expect(await audits("rewardAssumptions.set")).toBe(1);
});

it("adds NI 155's reward target once when twenty first saves race", async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      send(api.app, manager, { method: "PUT", url: `${ka2}/reward/targets/ni-155`, body: { version: 0, pot: String(1000 * (index + 1)) } }),
    ),
  );
  const statuses = results.map((result) => result.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  const winner = results.find((result) => result.status === 201)?.json<{ pot: string }>();
  for (const refused of results.filter((result) => result.status === 409)) {
    expect(refused.json<{ current: { pot: string; version: number } }>().current).toEqual(expect.objectContaining({ pot: winner?.pot, version: 1 }));
  }
  const [row] = await queryRows(api.database.db, sql`select count(*)::int as n from reward_targets`);
  // KA1's 35 from the demo and NI 155's one.
  expect(Number(row?.n)).toBe(36);
  expect(await audits("rewardTarget.create")).toBe(1);
});
