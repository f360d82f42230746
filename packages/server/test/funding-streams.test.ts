/**
 * Funding streams through the API on a real database (PGlite and PostgreSQL): the demo's
 * streams named by seed 003 with no amounts (its appendix of amounts is missing); a manager adds
 * one with amounts and sees the totals by block and year; nobody else may; stale versions are
 * answered 409 with the current state; bad input is refused naming the field; money moved to
 * another organisation without the accountable partner's recorded consent is refused with
 * nothing changed, and with it is stored and audited (seed 003 l.423); the XLSX reads back.
 */
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let partner: Session;
let viewer: Session;
const ka1 = "/api/agreements/kent-ka1";

interface Stream {
  key: string;
  name: string;
  kind: string | null;
  blockOrOutcome: string | null;
  accountablePartner: { slug: string; name: string } | null;
  advanceDesignation: boolean;
  amounts: Record<string, string>;
  total: string | null;
  consents: { from: { slug: string }; to: { slug: string }; consentedBy: string; consentedOn: string; note: string; recordedBy: string }[];
  version: number;
}
interface Totals {
  byYear: Record<string, string>;
  total: string | null;
}
interface List {
  mayEdit: boolean;
  years: string[];
  streams: Stream[];
  totals: { byBlock: (Totals & { blockOrOutcome: string | null })[]; all: Totals };
}
interface Refusal {
  error: { code: string; field?: string; message: string };
  current?: Stream;
}

const list = async (session: Session | null = manager) => (await send(api.app, session, { method: "GET", url: `${ka1}/funding-streams` })).json<List>();
const auditRows = (action: string) =>
  queryRows(api.database.db, sql`select actor, before, after, entity_type from audit_events where action = ${action} order by id`);

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  partner = await signIn(api.app, "partner@kent-police.example");
  viewer = await signIn(api.app, "member@kent.example");
});
afterAll(async () => {
  await api?.close();
});

describe("funding streams", () => {
  it("lists the streams seed 003 names, with no amounts, and the Stronger and Safer Communities Fund designated in advance", async () => {
    const body = await list();
    expect(body.mayEdit).toBe(true);
    expect(body.streams.map((stream) => stream.name)).toEqual([
      "Crime Fighting Fund",
      "Drug Intervention Prevention grants",
      "NTA pooled budget",
      "Stronger and Safer Communities Fund",
    ]);
    expect(body.streams.every((stream) => Object.keys(stream.amounts).length === 0 && stream.total === null)).toBe(true);
    expect(body.streams.filter((stream) => stream.advanceDesignation).map((stream) => stream.name)).toEqual(["Stronger and Safer Communities Fund"]);
    expect(body.years).toEqual([]);
    expect(body.totals.all).toEqual({ byYear: {}, total: null });
    expect((await list(viewer)).mayEdit).toBe(false);
  });

  it("a manager adds a stream with amounts and sees the totals by block and year, audited; others may not", async () => {
    const stream = {
      name: "Test Safer Fund",
      department: "Home Office",
      kind: "pooled",
      blockOrOutcome: "Safer and Stronger Communities",
      accountablePartner: "kent-county-council",
      amounts: { "2005/06": "1000000.10", "2006/07": "2000000.20" },
    };
    expect((await send(api.app, null, { method: "POST", url: `${ka1}/funding-streams`, body: stream })).status).toBe(401);
    expect((await send(api.app, partner, { method: "POST", url: `${ka1}/funding-streams`, body: stream })).status).toBe(403);
    const created = await send(api.app, manager, { method: "POST", url: `${ka1}/funding-streams`, body: stream });
    expect(created.status).toBe(201);
    expect(created.json<Stream>()).toMatchObject({ key: "test-safer-fund", total: "3000000.3", version: 1, accountablePartner: { slug: "kent-county-council" } });
    const second = { name: "Test Children Fund", blockOrOutcome: "Children and Young People", amounts: { "2006/07": "0.10" } };
    expect((await send(api.app, manager, { method: "POST", url: `${ka1}/funding-streams`, body: second })).status).toBe(201);

    const body = await list();
    expect(body.years).toEqual(["2005/06", "2006/07"]);
    expect(body.totals.byBlock).toEqual([
      { blockOrOutcome: "Children and Young People", byYear: { "2006/07": "0.1" }, total: "0.1" },
      { blockOrOutcome: "Safer and Stronger Communities", byYear: { "2005/06": "1000000.1", "2006/07": "2000000.2" }, total: "3000000.3" },
    ]);
    expect(body.totals.all).toEqual({ byYear: { "2005/06": "1000000.1", "2006/07": "2000000.3" }, total: "3000000.4" });
    const [audit] = await auditRows("fundingStream.create");
    expect(audit).toMatchObject({ entity_type: "fundingStream", actor: expect.stringContaining("manager@kent-partnership.example") });
  });

  it("refuses bad input naming the field, and a stale version with the current state", async () => {
    const bad = async (body: unknown) =>
      (await send(api.app, manager, { method: "PATCH", url: `${ka1}/funding-streams/test-safer-fund`, body })).json<Refusal>().error;
    expect((await bad({ version: 1, amounts: { "2005/06": "1,000" } })).message).toMatch(/^amounts.*must be an amount in pounds/);
    expect(await bad({ version: 1, amounts: { "2005/07": "1" } })).toMatchObject({ message: expect.stringMatching(/^amounts.*consecutive years/) });
    expect((await bad({ version: 1, kind: "ringfenced" })).message).toMatch(/kind.*pooled, aligned or mainstream/s);
    expect((await bad({ version: 1, note: "a\u0000b" })).message).toMatch(/note.*NUL/s);
    const stale = await send(api.app, manager, { method: "PATCH", url: `${ka1}/funding-streams/test-safer-fund`, body: { version: 7, note: "x" } });
    expect(stale.status).toBe(409);
    expect(stale.json<Refusal>().current).toMatchObject({ version: 1, total: "3000000.3" });
    const changed = await send(api.app, manager, {
      method: "PATCH",
      url: `${ka1}/funding-streams/test-safer-fund`,
      body: { version: 1, amounts: { "2005/06": null, "2007/08": "5" } },
    });
    expect(changed.status).toBe(200);
    expect(changed.json<Stream>()).toMatchObject({ amounts: { "2006/07": "2000000.20", "2007/08": "5" }, version: 2 });
  });

  it("moving a stream to another organisation without the accountable partner's consent is refused and nothing changes", async () => {
    const move = await send(api.app, manager, {
      method: "PATCH",
      url: `${ka1}/funding-streams/test-safer-fund`,
      body: { version: 2, accountablePartner: "kent-police", note: "moved" },
    });
    expect(move.status).toBe(400);
    expect(move.json<Refusal>().error).toMatchObject({ field: "consent", message: expect.stringMatching(/consent/) });
    const stream = (await list()).streams.find((one) => one.key === "test-safer-fund");
    expect(stream).toMatchObject({ version: 2, accountablePartner: { slug: "kent-county-council" }, consents: [] });
    expect(await auditRows("fundingStream.move")).toHaveLength(0);
  });

  it("with the accountable partner's recorded consent the move is made, the consent stored and audited", async () => {
    const consent = { consentedBy: "Director of Finance, Kent County Council", consentedOn: "2005-03-01", note: "Agreed at the PSB" };
    const move = await send(api.app, manager, {
      method: "PATCH",
      url: `${ka1}/funding-streams/test-safer-fund`,
      body: { version: 2, accountablePartner: "kent-police", consent },
    });
    expect(move.status).toBe(200);
    expect(move.json<Stream>()).toMatchObject({
      version: 3,
      accountablePartner: { slug: "kent-police" },
      consents: [{ from: { slug: "kent-county-council" }, to: { slug: "kent-police" }, ...consent, recordedBy: expect.stringContaining("manager@") }],
    });
    const [audit] = await auditRows("fundingStream.move");
    expect(audit?.after).toMatchObject({ accountablePartner: { slug: "kent-police" }, consents: [consent] });
    expect(audit?.before).toMatchObject({ accountablePartner: { slug: "kent-county-council" } });
  });

  it("exports the streams and totals as XLSX that reads back", async () => {
    const response = await api.app.inject({ method: "GET", url: `${ka1}/funding-streams.xlsx`, headers: { cookie: manager.cookie } });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Funding streams");
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["Funding stream", "Department", "Kind", "Block or outcome", "Accountable partner", "Advance designation", "2006/07", "2007/08", "Total", "Note"]);
    const rows = (sheet?.getSheetValues() ?? []).slice(2).map((row) => (row as unknown[]).slice(1));
    const safer = rows.find((row) => row[0] === "Test Safer Fund");
    expect(safer?.slice(0, 9)).toEqual(["Test Safer Fund", "Home Office", "Pooled", "Safer and Stronger Communities", "Kent Police", "No", 2000000.2, 5, 2000005.2]);
    expect(rows.find((row) => row[0] === "Stronger and Safer Communities Fund")?.[5]).toBe("Yes");
    const totals = workbook.getWorksheet("Totals");
    expect((totals?.getRow(totals.rowCount).values as unknown[]).slice(1)).toEqual(["All funding streams", 2000000.3, 5, 2000005.3]);
  });
});
