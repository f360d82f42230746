/**
 * A monitoring round's returns through the API, on PGlite and PostgreSQL (issue 9's API
 * acceptance): a manager opens 2010/11 H1 (a period the illustrative demo figures do not hold);
 * NI 47's accountable officer gives its value and text update and submits it; Thanet's LSP
 * coordinator gives and submits Thanet's value; the manager returns it with a comment, the officer
 * corrects and resubmits, the manager accepts; the round is closed and published. An officer
 * cannot submit another indicator's return; an interim value is refused; stale writes get 409.
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
const ka2 = "/api/agreements/kent-ka2";
const round = `${ka2}/rounds/2010-11-h1`;
const ni47 = `${round}/returns/ni-47`;
const ni47Values = `${ka2}/indicators/ni-47/observations`;
const kent = "E10000016";
const thanetCode = "E07000114";

interface Summary {
  indicator: string;
  key: string;
  title: string;
  theme: string;
  status: string;
  late: boolean;
  version: number | null;
}
interface Value {
  area: string;
  value: string;
  recordedBy: string;
  submittedBy: string | null;
  submittedAt: string | null;
  version: number;
}
interface Return {
  round: { key: string; status: string };
  indicator: string;
  status: string;
  progress: string | null;
  issuesAndRisks: string | null;
  nextActions: string | null;
  selfAssessedStatus: string | null;
  computedStatus: string;
  managerComment: string | null;
  values: Value[];
  updatedBy: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  version: number | null;
  may: { edit: boolean; submit: boolean; decide: boolean; recordDistrict: string[] };
}
interface Refusal {
  error: { code: string; field?: string; message: string };
  current?: Return;
}

async function auditActions(): Promise<string[]> {
  const rows = await queryRows(api.database.db, sql`select action from audit_events where action like 'return.%' order by id`);
  return rows.map((row) => String(row.action));
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  thanet = await signIn(api.app, "lsp.thanet@kent-partnership.example");
  // Due far ahead, so nothing here is late; 2010/11 H2 below keeps the default due date.
  const opened = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds`, body: { period: "2010/11 H1", dueDate: "2099-12-31" } });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  await api?.close();
});

describe("a round's returns", () => {
  it("lists every indicator of the agreement with its return missing until one is started", async () => {
    const listed = await send(api.app, officer, { method: "GET", url: `${round}/returns` });
    expect(listed.status).toBe(200);
    const { round: view, returns } = listed.json<{ round: { key: string }; returns: Summary[] }>();
    expect(view.key).toBe("2010-11-h1");
    const [row] = await queryRows(
      api.database.db,
      sql`select count(*)::int as n from agreement_indicators ai join agreements a on a.id = ai.agreement_id
          where a.slug = 'kent-ka2' and ai.state = 'active'`,
    );
    expect(returns).toHaveLength(Number(row?.n));
    expect(returns.find((one) => one.key === "ni-47")).toMatchObject({ indicator: "NI 47", status: "missing", late: false, version: null });
    expect(returns.every((one) => one.theme.length > 0 && one.title.length > 0)).toBe(true);
  });

  it("calls a return late once its due date has passed and it is not in", async () => {
    const opened = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds`, body: { period: "2010/11 H2" } });
    expect(opened.status).toBe(201);
    const listed = await send(api.app, manager, { method: "GET", url: `${ka2}/rounds/2010-11-h2/returns` });
    expect(listed.json<{ returns: Summary[] }>().returns.find((one) => one.key === "ni-47")).toMatchObject({ status: "missing", late: true });
  });
});

describe("NI 47's return from draft to published", () => {
  it("takes the officer's value and text update as a draft, with the computed status beside the self-assessed one", async () => {
    const value = await send(api.app, officer, { method: "POST", url: ni47Values, body: { period: "2010/11 H1", area: kent, value: "640" } });
    expect(value.status).toBe(201);
    const saved = await send(api.app, officer, {
      method: "PUT",
      url: ni47,
      body: {
        progress: "Casualties down again on the A299.",
        issuesAndRisks: "Police figures for August are provisional.",
        nextActions: "Thanet speed awareness campaign in October.",
        selfAssessedStatus: "amber",
      },
    });
    expect(saved.status).toBe(200);
    const view = saved.json<Return>();
    expect(view).toMatchObject({
      indicator: "NI 47",
      status: "draft",
      progress: "Casualties down again on the A299.",
      selfAssessedStatus: "amber",
      version: 1,
      may: { edit: true, submit: true, decide: false },
    });
    expect(view.updatedBy).toMatch(/officer.ni47@kent-partnership.example/);
    // 640 against a trajectory from 1183 down to 591.5 by March 2011 is ahead of plan.
    expect(view.computedStatus).toBe("green");
    expect(view.values.map((one) => [one.area, one.value])).toEqual([[kent, "640"]]);
    expect(view.may.recordDistrict).toHaveLength(12);
  });

  it("takes Thanet's value from its LSP coordinator, who submits it and may not touch the text update", async () => {
    const value = await send(api.app, thanet, { method: "POST", url: ni47Values, body: { period: "2010/11 H1", area: thanetCode, value: "51" } });
    expect(value.status).toBe(201);
    const read = await send(api.app, thanet, { method: "GET", url: ni47 });
    expect(read.json<Return>().may).toEqual({ edit: false, submit: false, decide: false, recordDistrict: [thanetCode] });
    const submitted = await send(api.app, thanet, { method: "POST", url: `${ni47}/districts/${thanetCode}/submit`, body: {} });
    expect(submitted.status).toBe(200);
    const thanetValue = submitted.json<Return>().values.find((one) => one.area === thanetCode);
    expect(thanetValue?.submittedBy).toMatch(/lsp.thanet@kent-partnership.example/);
    expect(thanetValue?.submittedAt).not.toBeNull();
    expect(submitted.json<Return>().values.find((one) => one.area === kent)?.submittedBy).toBeNull();
    const [audit] = await queryRows(
      api.database.db,
      sql`select actor, after from audit_events where action = 'return.district-submit' order by id desc limit 1`,
    );
    expect(audit?.actor).toMatch(/lsp.thanet/);
    expect(audit?.after).toMatchObject({ round: "2010-11-h1", area: thanetCode, name: "Thanet" });

    const dover = await send(api.app, thanet, { method: "POST", url: `${ni47}/districts/E07000108/submit`, body: {} });
    expect(dover.status).toBe(403);
    const text = await send(api.app, thanet, { method: "PUT", url: ni47, body: { progress: "Thanet's view", version: 1 } });
    expect(text.status).toBe(403);
    expect(text.json<Refusal>().error.message).toMatch(/accountable officer or a manager/);
  });

  it("refuses an officer another indicator's return", async () => {
    const before = await auditActions();
    const submit = await send(api.app, officer, { method: "POST", url: `${round}/returns/ni-155/submit`, body: {} });
    expect(submit.status).toBe(403);
    expect(submit.json<Refusal>().error.message).toMatch(/accountable officer or a manager/);
    const save = await send(api.app, officer, { method: "PUT", url: `${round}/returns/ni-155`, body: { progress: "Not mine" } });
    expect(save.status).toBe(403);
    expect(await auditActions()).toEqual(before);
  });

  it("submits NI 47 and then locks its values and text until a manager returns it", async () => {
    const submitted = await send(api.app, officer, { method: "POST", url: `${ni47}/submit`, body: { version: 1 } });
    expect(submitted.status).toBe(200);
    expect(submitted.json<Return>()).toMatchObject({ status: "submitted", version: 2, may: { edit: false, submit: false, decide: false, recordDistrict: [] } });
    expect(submitted.json<Return>().submittedBy).toMatch(/officer.ni47/);

    const changed = await send(api.app, officer, { method: "POST", url: ni47Values, body: { period: "2010/11 H1", area: kent, value: "630", version: 1 } });
    expect(changed.status).toBe(409);
    expect(changed.json<Refusal>().error.message).toMatch(/NI 47 return for 2010\/11 H1 is submitted, so its values are locked/);
    const text = await send(api.app, officer, { method: "PUT", url: ni47, body: { progress: "Second thoughts", version: 2 } });
    expect(text.status).toBe(409);
    expect(text.json<Refusal>().error.message).toMatch(/is submitted: it cannot be changed unless a manager returns it/);
    expect(text.json<Refusal>().current).toMatchObject({ status: "submitted", progress: "Casualties down again on the A299." });

    const forManager = await send(api.app, manager, { method: "GET", url: ni47 });
    expect(forManager.json<Return>().may.decide).toBe(true);
    const listed = await send(api.app, manager, { method: "GET", url: `${round}/returns` });
    expect(listed.json<{ returns: Summary[] }>().returns.find((one) => one.key === "ni-47")).toMatchObject({ status: "submitted", late: false, version: 2 });
  });

  it("lets only a manager accept or return, and a return needs a comment", async () => {
    const byOfficer = await send(api.app, officer, { method: "POST", url: `${ni47}/accept`, body: { version: 2 } });
    expect(byOfficer.status).toBe(403);
    const silent = await send(api.app, manager, { method: "POST", url: `${ni47}/return`, body: { version: 2 } });
    expect(silent.status).toBe(400);
    expect(silent.json<Refusal>().error.field).toBe("comment");
    const blank = await send(api.app, manager, { method: "POST", url: `${ni47}/return`, body: { version: 2, comment: "  " } });
    expect(blank.status).toBe(400);
  });

  it("returns NI 47 with the manager's comment, which unlocks it for the officer", async () => {
    const returned = await send(api.app, manager, {
      method: "POST",
      url: `${ni47}/return`,
      body: { version: 2, comment: "Please give the August figure as final once the police confirm it." },
    });
    expect(returned.status).toBe(200);
    expect(returned.json<Return>()).toMatchObject({
      status: "returned",
      managerComment: "Please give the August figure as final once the police confirm it.",
      version: 3,
    });
    expect(returned.json<Return>().decidedBy).toMatch(/manager@kent-partnership.example/);

    const value = await send(api.app, officer, {
      method: "POST",
      url: ni47Values,
      body: { period: "2010/11 H1", area: kent, value: "636", status: "final", version: 1 },
    });
    expect(value.status).toBe(201);
    const saved = await send(api.app, officer, { method: "PUT", url: ni47, body: { issuesAndRisks: "None: the figures are final.", version: 3 } });
    expect(saved.status).toBe(200);
    expect(saved.json<Return>()).toMatchObject({ status: "draft", issuesAndRisks: "None: the figures are final.", progress: "Casualties down again on the A299.", version: 4 });
    const resubmitted = await send(api.app, officer, { method: "POST", url: `${ni47}/submit`, body: { version: 4 } });
    expect(resubmitted.json<Return>()).toMatchObject({ status: "submitted", version: 5 });
  });

  it("answers a stale write with 409 and the return as it stands, changing nothing", async () => {
    const before = await auditActions();
    const stale = await send(api.app, manager, { method: "POST", url: `${ni47}/accept`, body: { version: 2 } });
    expect(stale.status).toBe(409);
    expect(stale.json<Refusal>().error.field).toBe("version");
    expect(stale.json<Refusal>().current).toMatchObject({ status: "submitted", version: 5 });
    const noVersion = await send(api.app, officer, { method: "PUT", url: ni47, body: { progress: "From an old copy" } });
    expect(noVersion.status).toBe(409);
    expect(noVersion.json<Refusal>().current?.version).toBe(5);
    expect(await auditActions()).toEqual(before);
  });

  it("accepts NI 47; nothing is accepted once the round is closed; the published round is public", async () => {
    const accepted = await send(api.app, manager, { method: "POST", url: `${ni47}/accept`, body: { version: 5, comment: "Thank you." } });
    expect(accepted.status).toBe(200);
    expect(accepted.json<Return>()).toMatchObject({ status: "accepted", managerComment: "Thank you.", may: { edit: false, decide: false } });

    // The manager submits NI 155's return and closes the round before deciding it.
    const ni155 = `${round}/returns/ni-155`;
    expect((await send(api.app, manager, { method: "POST", url: `${ni155}/submit`, body: {} })).status).toBe(200);
    const roundNow = await send(api.app, manager, { method: "GET", url: round });
    const closed = await send(api.app, manager, { method: "POST", url: `${round}/close`, body: { version: roundNow.json<{ version: number }>().version } });
    expect(closed.status).toBe(200);
    const late = await send(api.app, manager, { method: "POST", url: `${ni155}/accept`, body: { version: 1 } });
    expect(late.status).toBe(409);
    expect(late.json<Refusal>().error).toMatchObject({ field: "round" });
    expect(late.json<Refusal>().error.message).toMatch(/2010\/11 H1 monitoring round is closed/);
    expect(late.json<Refusal>().current).toMatchObject({ status: "submitted" });
    const interim = await send(api.app, officer, { method: "POST", url: ni47Values, body: { period: "2010/11 H1", area: thanetCode, value: "50" } });
    expect(interim.status).toBe(400);
    expect(interim.json<Refusal>().error.message).toMatch(/not open for returns: its monitoring round is closed/);

    expect((await send(api.app, null, { method: "GET", url: ni47 })).status).toBe(404);
    const published = await send(api.app, manager, { method: "POST", url: `${round}/publish`, body: { version: closed.json<{ version: number }>().version } });
    expect(published.status).toBe(200);
    const publicRead = await send(api.app, null, { method: "GET", url: ni47 });
    expect(publicRead.status).toBe(200);
    expect(publicRead.json<Return>()).toMatchObject({ status: "accepted", round: { status: "published" }, may: { edit: false, submit: false, decide: false, recordDistrict: [] } });
    expect(publicRead.json<Return>().values.map((one) => one.value)).toEqual(["636", "51"]);
  });

  it("tells the whole round in the bulletin's Monitoring section", async () => {
    const draft = await send(api.app, manager, { method: "GET", url: `${ka2}/bulletins/draft` });
    expect(draft.status).toBe(200);
    const monitoring = draft.json<{ sections: { title: string; items: { text: string }[] }[] }>().sections.find((one) => one.title === "Monitoring");
    const lines = monitoring?.items.map((item) => item.text) ?? [];
    expect(lines).toEqual(
      expect.arrayContaining([
        "2010/11 H1 monitoring round opened, returns due 31 December 2099",
        "NI 47: 2010/11 H1 values recorded",
        "NI 47: 2010/11 H1 return drafted",
        "NI 47: Thanet's 2010/11 H1 values submitted",
        "NI 47: 2010/11 H1 return submitted",
        "NI 47: 2010/11 H1 return sent back — Please give the August figure as final once the police confirm it.",
        "NI 47: 2010/11 H1 return accepted — Thank you.",
        "2010/11 H1 monitoring round closed",
        "2010/11 H1 monitoring round published",
      ]),
    );
    // Many values and drafts of one return read as one line each.
    expect(lines.filter((line) => line === "NI 47: 2010/11 H1 values recorded")).toHaveLength(1);
    expect(lines.filter((line) => line === "NI 47: 2010/11 H1 return drafted")).toHaveLength(1);
  });
});
