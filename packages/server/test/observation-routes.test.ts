/**
 * Recording and reading an indicator's values through the API, on PGlite and PostgreSQL: the
 * officer records NI 47 in an open round; Thanet's LSP coordinator records Thanet and is refused
 * Dover; a value outside a round is refused ("no interim updates", seed 000 §11) unless a manager
 * corrects it with a reason, which is audited; a stale write gets 409 with the value as it stands.
 * The round is 2010/11 H1, a period the illustrative demo figures do not hold.
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
let thanet: Session;
const ni47 = "/api/agreements/kent-ka2/indicators/ni-47/observations";
const thanetCode = "E07000114";
const doverCode = "E07000108";

interface Observation {
  period: string;
  area: string;
  value: string;
  recordedBy: string;
  version: number;
}
interface Listed {
  periods: { period: { label: string }; county: { value: string | null }; districts: { area: string; observation: Observation | null }[] }[];
}
interface Refusal {
  error: { code: string; field?: string; message: string };
  current?: Observation;
}

async function valuesFor(period: string): Promise<number> {
  const [row] = await queryRows(
    api.database.db,
    sql`select count(*)::int as n from observations o join reporting_periods p on p.id = o.period_id where p.label = ${period}`,
  );
  return Number(row?.n);
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  thanet = await signIn(api.app, "lsp.thanet@kent-partnership.example");
  const opened = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/rounds", body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  await api?.close();
});

describe("recording values in an open round", () => {
  it("takes NI 47's county value from its accountable officer, recorded in their name, and lists it", async () => {
    const saved = await send(api.app, officer, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: "E10000016", value: "640" } });
    expect(saved.status).toBe(201);
    expect(saved.json<Observation>()).toMatchObject({ period: "2010/11 H1", area: "E10000016", value: "640", version: 1 });
    expect(saved.json<Observation>().recordedBy).toMatch(/<officer.ni47@kent-partnership.example>/);
    const listed = await send(api.app, officer, { method: "GET", url: ni47 });
    expect(listed.status).toBe(200);
    const period = listed.json<Listed>().periods.find((one) => one.period.label === "2010/11 H1");
    expect(period?.county.value).toBe("640");
  });

  it("takes Thanet's value from Thanet's LSP coordinator and refuses them Dover's, writing nothing", async () => {
    const saved = await send(api.app, thanet, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: thanetCode, value: "51" } });
    expect(saved.status).toBe(201);
    expect(saved.json<Observation>()).toMatchObject({ area: thanetCode, value: "51" });
    const before = await valuesFor("2010/11 H1");
    const dover = await send(api.app, thanet, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: doverCode, value: "60" } });
    expect(dover.status).toBe(403);
    expect(dover.json<Refusal>().error.message).toMatch(/LSP coordinator for that district/);
    expect(await valuesFor("2010/11 H1")).toBe(before);
    const listed = await send(api.app, thanet, { method: "GET", url: ni47 });
    const districts = listed.json<Listed>().periods.find((one) => one.period.label === "2010/11 H1")?.districts ?? [];
    expect(districts.find((one) => one.area === thanetCode)?.observation?.value).toBe("51");
    expect(districts.find((one) => one.area === doverCode)?.observation).toBeNull();
  });

  it("refuses an officer another indicator's values before reading the body", async () => {
    const other = await send(api.app, officer, {
      method: "POST",
      url: "/api/agreements/kent-ka2/indicators/ni-155/observations",
      body: { period: "2010/11 H1", area: "E10000016", value: "700" },
    });
    expect(other.status).toBe(403);
    expect(other.json<Refusal>().error.message).toMatch(/accountable officer/);
  });

  it("keeps an open round's values from the public", async () => {
    const listed = await send(api.app, null, { method: "GET", url: ni47 });
    expect(listed.status).toBe(200);
    expect(listed.json<Listed>().periods.map((one) => one.period.label)).not.toContain("2010/11 H1");
  });
});

describe("no interim updates", () => {
  it("refuses a value for a period with no open round, saying why and how a manager may correct one", async () => {
    const before = await valuesFor("2010/11 H2");
    const interim = await send(api.app, officer, { method: "POST", url: ni47, body: { period: "2010/11 H2", area: "E10000016", value: "600" } });
    expect(interim.status).toBe(400);
    expect(interim.json<Refusal>().error.field).toBe("period");
    expect(interim.json<Refusal>().error.message).toMatch(
      /2010\/11 H2 is not open for returns: no monitoring round is open for it.*no interim updates.*correctionReason/,
    );
    const asCorrection = await send(api.app, officer, {
      method: "POST",
      url: ni47,
      body: { period: "2010/11 H2", area: "E10000016", value: "600", correctionReason: "Late police figures" },
    });
    expect(asCorrection.status).toBe(403);
    expect(asCorrection.json<Refusal>().error.message).toMatch(/Only a manager may correct/);
    expect(await valuesFor("2010/11 H2")).toBe(before);
  });

  it("lets a manager correct a value outside a round with a reason, and audits the reason", async () => {
    const corrected = await send(api.app, manager, {
      method: "POST",
      url: ni47,
      body: { period: "2007/08", area: "E10000016", value: "1150", correctionReason: "Kent Police revised 2007/08 after audit" },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.json<Observation>()).toMatchObject({ period: "2007/08", value: "1150" });
    const [audit] = await queryRows(
      api.database.db,
      sql`select actor, after from audit_events where action = 'observation.correct' order by id desc limit 1`,
    );
    expect(audit?.actor).toMatch(/manager@kent-partnership.example/);
    expect(audit?.after).toMatchObject({ period: "2007/08", value: "1150", correctionReason: "Kent Police revised 2007/08 after audit" });
    const bulletin = await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/bulletins/draft" });
    const monitoring = bulletin.json<{ sections: { title: string; items: { text: string }[] }[] }>().sections.find((one) => one.title === "Monitoring");
    expect(monitoring?.items.map((item) => item.text)).toContain("NI 47: 2007/08 value for Kent corrected to 1150 — Kent Police revised 2007/08 after audit");
  });
});

describe("stale writes", () => {
  it("answers a change made from an old copy with 409 and the value as it stands, changing nothing", async () => {
    const first = await send(api.app, manager, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: doverCode, value: "70" } });
    expect(first.status).toBe(201);
    const changed = await send(api.app, officer, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: doverCode, value: "72", version: 1 } });
    expect(changed.status).toBe(201);
    expect(changed.json<Observation>().version).toBe(2);
    const stale = await send(api.app, manager, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: doverCode, value: "75", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json<Refusal>().error.field).toBe("version");
    expect(stale.json<Refusal>().current).toMatchObject({ area: doverCode, value: "72", version: 2 });
    const fresh = await send(api.app, manager, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: doverCode, value: "75" } });
    expect(fresh.status).toBe(409);
    expect(fresh.json<Refusal>().current).toMatchObject({ value: "72" });
  });

  it("refuses a value it cannot read with 400 naming the field", async () => {
    const bad = await send(api.app, officer, { method: "POST", url: ni47, body: { period: "2010/11 H1", area: "E10000016", value: "lots" } });
    expect(bad.status).toBe(400);
    expect(bad.json<Refusal>().error.field).toBe("value");
  });
});
