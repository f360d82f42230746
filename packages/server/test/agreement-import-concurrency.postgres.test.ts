/**
 * Two imports of agreement tables at the same moment on PostgreSQL: of two with the same slug one
 * is created and the other refused 409 (never a 500, never two agreements); of two that both add
 * the same code the catalogue lacked, both are created and the catalogue holds the code once.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;

const table = (title: string, code = "RACE 1") =>
  [`${title},,,`, "Indicator,Baseline,2008/09,2009/10", "NI 47 * Road casualties,410,400,390", `${code} A measure both councils use,12,13,14`].join("\n");

const importTable = (query: string, csv: string) =>
  api.app.inject({
    method: "POST",
    url: `/api/agreements/import?${query}`,
    headers: { cookie: manager.cookie, "x-csrf-token": manager.csrfToken, "content-type": "text/csv" },
    payload: Buffer.from(csv),
  });

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

it("two imports of one slug at once: one created, the other 409, one agreement", async () => {
  const answers = await Promise.all([importTable("slug=twin-laa", table("Twin LAA")), importTable("slug=twin-laa", table("Twin LAA"))]);
  expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
  const refused = answers.find((answer) => answer.statusCode === 409);
  expect(refused?.json<{ error: { message: string } }>().error.message).toMatch(/^An agreement twin-laa already exists/);
  const [count] = await queryRows(api.database.db, sql`select count(*)::int as n from agreements where slug = 'twin-laa'`);
  expect(Number(count?.n)).toBe(1);
});

it("two agreements adding the same unknown code at once are both created, the code catalogued once", async () => {
  const answers = await Promise.all([importTable("slug=east-laa", table("East LAA", "RACE 2")), importTable("slug=west-laa", table("West LAA", "RACE 2"))]);
  expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
  const [count] = await queryRows(api.database.db, sql`select count(*)::int as n from indicator_definitions where code = 'RACE 2'`);
  expect(Number(count?.n)).toBe(1);
});
