/**
 * Two DHIS2 files imported at the same moment on PostgreSQL, both giving Thanet's NI 47 for
 * 2010/11 H1 (nothing recorded yet) and each another value of its own: one file is saved whole,
 * the other refused whole (409, the value named as changed by someone else), so neither
 * silently overwrites the other and no file is half saved. The round is held while both are checked,
 * so both read "nothing recorded" and their writes cross.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { derivedUid } from "../src/features/dhis2/identifiers.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let officer: Session;

const ni47 = derivedUid("dataElement", "NI 47");
const area = (code: string) => derivedUid("orgUnit", code);

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  const opened = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/rounds", body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  await api?.close();
});

const importAs = (session: Session, values: { orgUnit: string; value: string }[]) =>
  api.app.inject({
    method: "POST",
    url: "/api/dataValueSets",
    headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrfToken },
    payload: JSON.stringify({ dataValues: values.map((one) => ({ dataElement: ni47, period: "2010AprilS1", ...one })) }),
  });

it("saves one of two files sent at once whole and refuses the other whole", async () => {
  const { db } = api.database;
  let first: Awaited<ReturnType<typeof importAs>> | undefined;
  let second: Awaited<ReturnType<typeof importAs>> | undefined;
  let crossed = false;
  // The round is held exclusively until both files have been checked and wait to write, so their writes cross.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select id from monitoring_rounds where period_id = (select id from reporting_periods where label = '2010/11 H1') for update`);
    const both = Promise.all([
      importAs(manager, [{ orgUnit: area("E07000114"), value: "57" }, { orgUnit: area("E07000105"), value: "54" }]),
      importAs(officer, [{ orgUnit: area("E07000114"), value: "70" }, { orgUnit: area("E07000108"), value: "61" }]),
    ]).then((answers) => ([first, second] = answers));
    for (let waited = 0; waited < 200; waited += 1) {
      const [row] = await queryRows(db, sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%monitoring_rounds%'`);
      if (Number(row?.n) >= 2) {
        crossed = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    void both;
  });
  for (let waited = 0; (!first || !second) && waited < 400; waited += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!first || !second) throw new Error("the imports did not finish");
  expect(crossed).toBe(true);
  const statuses = [first.statusCode, second.statusCode].sort();
  expect(statuses).toEqual([200, 409]);
  const refused = first.statusCode === 409 ? first : second;
  expect(refused.json<{ conflicts: { value: string }[] }>().conflicts[0]?.value).toMatch(/changed by someone else/);
  const rows = await queryRows(
    api.database.db,
    sql`select a.code, o.value from observations o join areas a on a.id = o.area_id join reporting_periods p on p.id = o.period_id
        where p.label = '2010/11 H1' order by a.code`,
  );
  const saved = Object.fromEntries(rows.map((row) => [String(row.code), String(row.value)]));
  expect(saved).toEqual(first.statusCode === 200 ? { E07000105: "54", E07000114: "57" } : { E07000108: "61", E07000114: "70" });
});
