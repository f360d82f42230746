/**
 * Countywide delivery plans through the API, on PGlite and PostgreSQL (issue 11 point 1): NI 47's
 * accountable officer writes its plan (actions, milestones, risks, contributing partners); an action
 * due before the plan's progress date and not complete is overdue, a risk scoring 15 or more is red.
 * Only the officer and managers may write it; a stale version gets 409 with the plan as it stands;
 * an owner or contributor not signed up to the indicator is refused naming the field; every write
 * leaves one audit row and a refused one none.
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
let partner: Session;
let viewer: Session;
const ka2 = "/api/agreements/kent-ka2";
const ni47 = `${ka2}/indicators/ni-47/delivery-plan`;
const ni155 = `${ka2}/indicators/ni-155/delivery-plan`;

interface Plan {
  progressAsAt: string;
  source: string | null;
  updatedBy: string;
  version: number;
  actions: { what: string; organisation: string; organisationName: string; status: string; percentComplete: number; overdue: boolean }[];
  milestones: { what: string; date: string; met: boolean }[];
  risks: { description: string; score: number; red: boolean }[];
  contributors: { organisation: string; name: string }[];
  summary: { actions: number; overdueActions: number; risks: number; redRisks: number; milestones: number; milestonesMet: number };
}
interface View {
  indicator: string;
  plan: Plan | null;
  signedUpPartners: { organisation: string; roles: string[] }[];
  redRiskScore: number;
  mayEdit: boolean;
}
interface Refusal {
  error: { code: string; field?: string; message: string };
  current?: Plan | null;
}

const roadSafetyPlan = {
  progressAsAt: "2009-09-30",
  actions: [
    {
      what: "Speed awareness campaign on the A299",
      organisation: "kent-county-council",
      officer: "Road Safety Team Leader",
      startDate: "2009-04-01",
      dueDate: "2009-06-30",
      status: "behind",
      percentComplete: 60,
    },
    { what: "Safety camera review", organisation: "kent-and-medway-safety-camera-partnership", dueDate: "2010-03-31", status: "on track", percentComplete: 40 },
    { what: "Casualty data shared monthly", organisation: "kent-police", startDate: "2008-04-01", dueDate: "2009-03-31", status: "complete", percentComplete: 100 },
  ],
  milestones: [{ what: "Casualty reduction strategy agreed", date: "2009-03-31", met: true }],
  risks: [
    { description: "Police collision data late", likelihood: 3, impact: 5, mitigation: "Monthly extract agreed", owner: "Kent Police" },
    { description: "Camera funding reduced", likelihood: 2, impact: 4 },
  ],
  contributors: ["kent-police", "kent-and-medway-safety-camera-partnership"],
};

async function read(url: string, session: Session | null = officer): Promise<View> {
  const response = await send(api.app, session, { method: "GET", url });
  expect(response.status).toBe(200);
  return response.json<View>();
}

async function auditCount(): Promise<number> {
  const [row] = await queryRows(api.database.db, sql`select count(*)::int as n from audit_events where action = 'deliveryPlan.save'`);
  return Number(row?.n);
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  partner = await signIn(api.app, "partner@kent-police.example");
  viewer = await signIn(api.app, "member@kent.example");
});
afterAll(async () => {
  await api?.close();
});

describe("NI 47's delivery plan", () => {
  it("is summarised in the performance report beside NI 47's text update, and other indicators say they have none", async () => {
    const report = await send(api.app, null, { method: "GET", url: `${ka2}/rounds/2008-09-h1/report?format=html` });
    expect(report.status).toBe(200);
    const html = String(report.body);
    const ni47Section = html.slice(html.indexOf('id="ni-47"'), html.indexOf("</section>", html.indexOf('id="ni-47"')));
    const plan = "<h4>Delivery plan</h4><p>Progress as at 30 September 2009: 4 actions, 1 overdue; 2 milestones, 1 met; 2 risks, 1 red.</p>";
    expect(ni47Section).toContain(plan);
    // Beside the officer's text update: straight after its next actions.
    expect(ni47Section.indexOf("<h4>Next actions</h4>")).toBeGreaterThan(-1);
    expect(ni47Section.indexOf(plan)).toBeGreaterThan(ni47Section.indexOf("<h4>Next actions</h4>"));
    expect(html).toContain("<h4>Delivery plan</h4><p>No delivery plan has been written yet.</p>");
  });

  it("comes with the demo: the seeds' words, illustrative figures said to be so, one action overdue at 30 September 2009", async () => {
    const { plan } = await read(ni47, null);
    expect(plan?.source).toContain("Illustrative figures, not Kent's published results");
    expect(plan?.progressAsAt).toBe("2009-09-30");
    expect(plan?.actions.filter((action) => action.overdue).map((action) => action.what)).toEqual([
      "Deploy speed cameras in response to local concerns, to target problem roads in Kent",
    ]);
    expect(plan?.summary).toMatchObject({ actions: 4, overdueActions: 1, redRisks: 1 });
    expect(plan?.contributors.map((one) => one.name)).toContain("Kent & Medway Safety Camera Partnership");
  });

  it("is written by its accountable officer, with the overdue action and the red risk flagged and one audit row", async () => {
    const start = await read(ni47);
    expect(start.mayEdit).toBe(true);
    expect(start.redRiskScore).toBe(15);
    expect(start.signedUpPartners.map((one) => one.organisation)).toEqual(expect.arrayContaining(["kent-county-council", "kent-police", "kent-and-medway-safety-camera-partnership"]));
    const audited = await auditCount();
    const saved = await send(api.app, officer, { method: "PUT", url: ni47, body: { ...roadSafetyPlan, ...(start.plan ? { version: start.plan.version } : {}) } });
    expect(saved.status).toBe(200);
    const plan = saved.json<View>().plan;
    expect(plan).not.toBeNull();
    expect(plan?.updatedBy).toBe("Road Safety Accountable Officer (NI 47)");
    expect(plan?.actions.map((action) => [action.what, action.overdue])).toEqual([
      ["Speed awareness campaign on the A299", true],
      ["Safety camera review", false],
      ["Casualty data shared monthly", false],
    ]);
    expect(plan?.actions[1]?.organisationName).toBe("Kent & Medway Safety Camera Partnership");
    expect(plan?.risks.map((risk) => [risk.score, risk.red])).toEqual([
      [15, true],
      [8, false],
    ]);
    expect(plan?.contributors.map((one) => one.name)).toEqual(["Kent Police", "Kent & Medway Safety Camera Partnership"]);
    expect(plan?.summary).toEqual({ actions: 3, overdueActions: 1, risks: 2, redRisks: 1, milestones: 1, milestonesMet: 1 });
    expect(await auditCount()).toBe(audited + 1);
    const [row] = await queryRows(
      api.database.db,
      sql`select e.actor, e.entity_type, e.after from audit_events e where e.action = 'deliveryPlan.save' order by e.id desc limit 1`,
    );
    expect(row?.actor).toContain("officer.ni47@kent-partnership.example");
    expect(row?.entity_type).toBe("agreementIndicator");
    expect(JSON.stringify(row?.after)).toContain("Speed awareness campaign on the A299");
    // Anyone who may read the indicator reads its plan; only the officer and managers are offered the edit.
    const publicView = await read(ni47, null);
    expect(publicView.plan?.summary.overdueActions).toBe(1);
    expect(publicView.mayEdit).toBe(false);
    expect((await read(ni47, partner)).mayEdit).toBe(false);
    expect((await read(ni47, manager)).mayEdit).toBe(true);
  });

  it("answers a write on a stale version with 409 and the plan as it stands, changing nothing", async () => {
    const now = (await read(ni47)).plan;
    if (!now) throw new Error("NI 47 has no plan");
    const audited = await auditCount();
    const stale = await send(api.app, manager, { method: "PUT", url: ni47, body: { ...roadSafetyPlan, actions: [], version: now.version - 1 || 999 } });
    expect(stale.status).toBe(409);
    const refusal = stale.json<Refusal>();
    expect(refusal.error.field).toBe("version");
    expect(refusal.current?.version).toBe(now.version);
    expect(refusal.current?.actions).toHaveLength(3);
    // Sent without a version as though it were the first plan: also stale.
    const asNew = await send(api.app, manager, { method: "PUT", url: ni47, body: roadSafetyPlan });
    expect(asNew.status).toBe(409);
    expect((await read(ni47)).plan?.version).toBe(now.version);
    expect(await auditCount()).toBe(audited);
    // The manager, on the version read, may change it.
    const changed = await send(api.app, manager, { method: "PUT", url: ni47, body: { ...roadSafetyPlan, risks: [], version: now.version } });
    expect(changed.status).toBe(200);
    expect(changed.json<View>().plan?.version).toBe(now.version + 1);
    expect(changed.json<View>().plan?.updatedBy).not.toBe(now.updatedBy);
    expect(changed.json<View>().plan?.summary.redRisks).toBe(0);
    expect(await auditCount()).toBe(audited + 1);
  });

  it("refuses an owner or a contributor not signed up to NI 47, and other bad input, naming the field", async () => {
    const version = (await read(ni47)).plan?.version;
    const audited = await auditCount();
    const cases: { body: Record<string, unknown>; field: string; words?: string }[] = [
      { body: { actions: [{ ...roadSafetyPlan.actions[0], organisation: "kent-community-safety-managers-group" }] }, field: "actions.0.organisation", words: "signed up to NI 47" },
      { body: { contributors: ["kent-police", "kent-community-safety-managers-group"] }, field: "contributors.1", words: "signed up to NI 47" },
      { body: { contributors: ["no-such-organisation"] }, field: "contributors.0" },
      { body: { contributors: ["kent-police", "kent-police"] }, field: "contributors.1", words: "twice" },
      { body: { risks: [{ description: "Too likely", likelihood: 6, impact: 2 }] }, field: "risks.0.likelihood" },
      { body: { actions: [{ ...roadSafetyPlan.actions[0], startDate: "2009-07-01" }] }, field: "actions.0.dueDate", words: "start date" },
      { body: { actions: [{ ...roadSafetyPlan.actions[2], percentComplete: 50 }] }, field: "actions.0.percentComplete" },
      { body: { actions: [{ ...roadSafetyPlan.actions[0], dueDate: "2009-02-30" }] }, field: "actions.0.dueDate" },
      { body: { actions: [{ ...roadSafetyPlan.actions[0], status: "late" }] }, field: "actions.0.status" },
      { body: { milestones: [{ what: "Strategy\u0000agreed", date: "2009-03-31", met: true }] }, field: "milestones.0.what", words: "NUL" },
      { body: { progressAsAt: "soon" }, field: "progressAsAt" },
    ];
    for (const { body, field, words } of cases) {
      const refused = await send(api.app, officer, { method: "PUT", url: ni47, body: { ...roadSafetyPlan, version, ...body } });
      expect(refused.status, field).toBe(400);
      const { error } = refused.json<Refusal>();
      expect(error.field, JSON.stringify(body)).toBe(field);
      if (words) expect(error.message).toContain(words);
    }
    expect((await read(ni47)).plan?.version).toBe(version);
    expect(await auditCount()).toBe(audited);
  });
});

describe("who may write a delivery plan", () => {
  it("lets only NI 155's managers write its plan, not NI 47's officer, a partner or a viewer", async () => {
    const body = { ...roadSafetyPlan, actions: [], contributors: [] };
    for (const [session, status] of [
      [officer, 403],
      [partner, 403],
      [viewer, 403],
      [null, 401],
    ] as const) {
      const refused = await send(api.app, session, { method: "PUT", url: ni155, body });
      expect(refused.status).toBe(status);
    }
    expect((await read(ni155)).mayEdit).toBe(false);
    expect((await read(ni155)).plan).toBeNull();
    const written = await send(api.app, manager, { method: "PUT", url: ni155, body });
    expect(written.status).toBe(200);
    expect(written.json<View>().plan?.version).toBe(1);
  });

  it("lets one of two first plans written at once in, and answers the other 409 with the plan that won", async () => {
    const url = `${ka2}/indicators/ni-21/delivery-plan`;
    const audited = await auditCount();
    const body = (what: string) => ({ progressAsAt: "2009-09-30", actions: [], milestones: [{ what, date: "2009-12-31", met: false }], risks: [], contributors: [] });
    const [first, second] = await Promise.all([
      send(api.app, manager, { method: "PUT", url, body: body("First milestone") }),
      send(api.app, manager, { method: "PUT", url, body: body("Second milestone") }),
    ]);
    expect([first?.status, second?.status].sort()).toEqual([200, 409]);
    const loser = first?.status === 409 ? first : second;
    const winner = (await read(url)).plan;
    expect(loser?.json<Refusal>().current?.milestones).toEqual(winner?.milestones);
    expect(await auditCount()).toBe(audited + 1);
  });
});
