/**
 * An indicator the agreement omitted is no longer monitored (KA2: NI 170 struck through as
 * omitted, replaced by NI 159): its values and its return are refused with 409, naming NI 170 and
 * NI 159, and nothing is written or audited; NI 159 takes its values as any other. PGlite and
 * PostgreSQL.
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
let thanet: Session;
let officer: Session;
const ka2 = "/api/agreements/kent-ka2";
const ni170 = `${ka2}/rounds/2010-11-h1/returns/ni-170`;
const refusal = /^NI 170 was omitted from this agreement, replaced by NI 159: it is no longer monitored, so no values or return are taken for it\. Report NI 159 instead\.$/;

interface Refusal {
  error: { code: string; field?: string; message: string };
}

/** NI 170's values and audit entries, however they were written. */
async function ni170Traces(): Promise<{ values: number; audits: number; returns: number }> {
  const [row] = await queryRows(
    api.database.db,
    sql`select
      (select count(*) from observations o where o.agreement_indicator_id = ai.id) as values,
      (select count(*) from indicator_returns r where r.agreement_indicator_id = ai.id) as returns,
      (select count(*) from audit_events e where e.entity_type = 'agreementIndicator' and e.entity_id = ai.id::text
         and (e.action like 'observation.%' or e.action like 'return.%')) as audits
    from agreement_indicators ai
    join indicator_definitions d on d.id = ai.indicator_id
    join agreements a on a.id = ai.agreement_id
    where a.slug = 'kent-ka2' and d.key = 'ni-170'`,
  );
  return { values: Number(row?.values), audits: Number(row?.audits), returns: Number(row?.returns) };
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  thanet = await signIn(api.app, "lsp.thanet@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  const opened = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds`, body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
});

afterAll(async () => {
  await api?.close();
});

describe("NI 170, omitted from Kent Agreement 2 and replaced by NI 159", () => {
  it("takes no value, from a manager (even as a correction) or Thanet's coordinator, saying why and what to report instead", async () => {
    const before = await ni170Traces();
    const attempts = [
      { who: manager, body: { period: "2010/11 H1", area: "E10000016", value: "12" } },
      { who: manager, body: { period: "2007/08", area: "E10000016", value: "12", correctionReason: "Audited figure" } },
      { who: thanet, body: { period: "2010/11 H1", area: "E07000114", value: "3" } },
    ];
    for (const { who, body } of attempts) {
      const answer = await send(api.app, who, { method: "POST", url: `${ka2}/indicators/ni-170/observations`, body });
      expect(answer.status, JSON.stringify(answer.json())).toBe(409);
      expect(answer.json<Refusal>().error).toMatchObject({ code: "CONFLICT", field: "key" });
      expect(answer.json<Refusal>().error.message).toMatch(refusal);
    }
    expect(await ni170Traces()).toEqual(before);
  });

  it("has no return to save, submit or decide, nor district values to submit", async () => {
    const before = await ni170Traces();
    const attempts = [
      { who: manager, method: "PUT" as const, url: ni170, body: { progress: "Fewer 16–18 year olds not in education." } },
      { who: manager, method: "POST" as const, url: `${ni170}/submit`, body: {} },
      { who: manager, method: "POST" as const, url: `${ni170}/accept`, body: { version: 1 } },
      { who: thanet, method: "POST" as const, url: `${ni170}/districts/E07000114/submit`, body: {} },
    ];
    for (const { who, method, url, body } of attempts) {
      const answer = await send(api.app, who, { method, url, body });
      expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.json())}`).toBe(409);
      expect(answer.json<Refusal>().error.message).toMatch(refusal);
    }
    expect(await ni170Traces()).toEqual(before);
  });

  it("is refused to someone with no right to it as before (403), and NI 159 takes its value", async () => {
    const refused = await send(api.app, officer, {
      method: "POST",
      url: `${ka2}/indicators/ni-170/observations`,
      body: { period: "2010/11 H1", area: "E10000016", value: "12" },
    });
    expect(refused.status).toBe(403);
    const replacement = await send(api.app, manager, {
      method: "POST",
      url: `${ka2}/indicators/ni-159/observations`,
      body: { period: "2010/11 H1", area: "E10000016", value: "88.5" },
    });
    expect(replacement.status, JSON.stringify(replacement.json())).toBe(201);
  });
});
