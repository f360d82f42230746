import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
let officer: Session;
let negotiator: Session;
let partner: Session;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  negotiator = await signIn(api.app, "negotiator@gose.example");
  partner = await signIn(api.app, "partner@kent-police.example");
});
afterAll(async () => {
  await api?.close();
});

const error = (response: { json<T>(): T }) => response.json<{ error: { code: string; message: string; field?: string; details?: { field: string; message: string }[] } }>().error;

describe("the negotiation of a target, as in May 2008", () => {
  it("moves NI 47 from under discussion to agreed with the Government Office through proposal, counter-proposal, revision and agreement", async () => {
    const before = (await send(api.app, null, { method: "GET", url: `/api/agreements/kent-ka2/position-summary?asAt=${today}` })).json<Record<string, number>>();
    const post = (session: Session, body: unknown) => send(api.app, session, { method: "POST", url: "/api/agreements/kent-ka2/indicators/ni-47/negotiation", body });
    const targetVersion = async () =>
      (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47" })).json<{ targets: { year: string; version: number }[] }>().targets.find((target) => target.year === "2010/11")?.version;
    const proposed = await post(officer, { kind: "proposal", note: "Proposed at 592 (50% reduction)", proposal: [{ year: "2010/11", version: await targetVersion(), target: { form: "relative", direction: "reduction", change: "50", changeUnit: "percent" }, written: "592 (50% reduction)" }] });
    expect(proposed.status).toBe(201);
    expect(proposed.json<{ party: string }>().party).toBe("partnership");
    const countered = await post(negotiator, { kind: "counter-proposal", note: "DfT asks for a 55% reduction", proposal: [{ year: "2010/11", target: { form: "relative", direction: "reduction", change: "55", changeUnit: "percent" }, written: "55% reduction" }] });
    expect(countered.json<{ status: string; party: string }>()).toMatchObject({ status: "counter-proposed", party: "government-office" });
    const revised = await post(officer, { kind: "proposal", proposal: [{ year: "2010/11", version: await targetVersion(), target: { form: "relative", direction: "reduction", change: "52", changeUnit: "percent" }, written: "52% reduction" }] });
    expect(revised.json<{ status: string }>().status).toBe("proposed");
    const agreed = await post(negotiator, { kind: "agreement-with-government-office", basis: "proposal", note: "Agreed" });
    expect(agreed.json<{ status: string }>().status).toBe("agreed-with-government-office");

    const after = (await send(api.app, null, { method: "GET", url: `/api/agreements/kent-ka2/position-summary?asAt=${today}` })).json<Record<string, number>>();
    expect(after.agreedWithGovernmentOffice).toBe((before.agreedWithGovernmentOffice ?? 0) + 1);
    expect(after.underDiscussion).toBe((before.underDiscussion ?? 0) - 1);

    const thread = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47/negotiation" })).json<{ entries: { kind: string; recordedBy: string | null; proposal: unknown }[] }>().entries;
    expect(thread.slice(-4).map((entry) => entry.kind)).toEqual(["proposal", "counter-proposal", "proposal", "agreement-with-government-office"]);
    expect(thread.at(-3)?.recordedBy).toBe("GOSE Area Negotiator");
    // The revised proposal became the target: 1183 less 52% is 567.84.
    const page = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47" })).json<{ targets: { year: string; value: string }[] }>();
    expect(page.targets.find((target) => target.year === "2010/11")?.value).toBe("567.84");
  });

  it("does not let the officer agree on the Government Office's behalf", async () => {
    const response = await send(api.app, officer, { method: "POST", url: "/api/agreements/kent-ka2/indicators/ni-47/negotiation", body: { kind: "agreement-with-government-office", basis: "proposal" } });
    expect(response.status).toBe(403);
  });

  it("counts what is still open against the 30 May deadline", async () => {
    const response = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/negotiation" })).json<{ deadline: { date: string }; open: number; openIndicators: string[] }>();
    expect(response.deadline.date).toBe("2008-05-30");
    expect(response.open).toBe(response.openIndicators.length);
    expect(response.openIndicators).not.toContain("NI 47");
    expect(response.openIndicators).toContain("NI 163");
  });
});

describe("baselines that cannot be set yet", () => {
  it("records a pending baseline with its reason and expected date, and refuses one where a baseline is set", async () => {
    const read = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-3" })).json<{ baselinePending: { version: number } }>();
    const officer155 = await send(api.app, manager, {
      method: "PUT",
      url: "/api/agreements/kent-ka2/indicators/ni-3/baseline-pending",
      body: { reason: "Cannot be set until the Place Survey is conducted", expectedBy: "2008-09-30", version: read.baselinePending.version },
    });
    expect(officer155.status).toBe(200);
    const page = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-3" })).json<{ baselinePending: { reason: string; expectedBy: string } }>();
    expect(page.baselinePending).toMatchObject({ reason: "Cannot be set until the Place Survey is conducted", expectedBy: "2008-09-30" });
    const set = await send(api.app, officer, { method: "PUT", url: "/api/agreements/kent-ka2/indicators/ni-47/baseline-pending", body: { reason: "Not really" } });
    expect(set.status).toBe(409);
    expect(set.json<{ error: { message: string } }>().error.message).toMatch(/already has a baseline/);
  });
});

describe("choosing indicators: the seeds' limits", () => {
  it("refuses a 36th designated indicator, saying there can be at most 35", async () => {
    const response = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/indicators", body: { indicator: "NI 1", kind: "designated", theme: "stronger-safer-communities" } });
    expect(response.status).toBe(400);
    expect(error(response)).toMatchObject({ field: "kind" });
    expect(error(response).message).toMatch(/at most 35 designated improvement indicators/);
  });

  it("replaces one indicator with another, keeping both and the link", async () => {
    const response = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/indicators/ni-154/replacement", body: { replacement: "NI 1", reason: "Partners prefer a cohesion indicator" } });
    expect(response.status).toBe(201);
    const ni154 = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-154" })).json<{ state: string; replacedBy: string; replacementReason: string }>();
    expect(ni154).toMatchObject({ state: "omitted", replacedBy: "NI 1", replacementReason: "Partners prefer a cohesion indicator" });
    const ni1 = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-1" })).json<{ state: string; replaces: string; kind: string }>();
    expect(ni1).toMatchObject({ state: "active", replaces: "NI 154", kind: "designated" });
  });

  it("makes room for another designated indicator once one is removed", async () => {
    const removed = await send(api.app, manager, { method: "DELETE", url: "/api/agreements/kent-ka2/indicators/ni-141" });
    expect(removed.status).toBe(204);
    const added = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/indicators", body: { indicator: "NI 4", kind: "designated", theme: "stronger-safer-communities" } });
    expect(added.status).toBe(201);
    const list = (await send(api.app, null, { method: "GET", url: "/api/agreements" })).json<{ agreements: { slug: string; indicatorCounts: { designated: number } }[] }>();
    expect(list.agreements.find((a) => a.slug === "kent-ka2")?.indicatorCounts.designated).toBe(35);
  });

  it("refuses a fourth primary indicator for an outcome until the Government Office's agreement is recorded, and a sixth at all", async () => {
    const add = (indicator: string) =>
      send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka1/indicators", body: { indicator, kind: "primary", theme: "safer-and-stronger-communities", outcome: 9, localTitle: `Extra indicator ${indicator}` } });
    const fourth = await add("KA1 9.4");
    expect(fourth.status).toBe(400);
    expect(error(fourth).field).toBe("outcome");
    expect(error(fourth).message).toMatch(/more than 3 need the Government Office's agreement/);
    const recorded = await send(api.app, negotiator, { method: "POST", url: "/api/agreements/kent-ka1/outcomes/9/extra-primary-agreement", body: { date: "2005-03-10", note: "Agreed at the March meeting" } });
    expect(recorded.status).toBe(201);
    expect((await add("KA1 9.4")).status).toBe(201);
    expect((await add("KA1 9.5")).status).toBe(201);
    const sixth = await add("KA1 9.6");
    expect(sixth.status).toBe(400);
    expect(error(sixth).message).toMatch(/at most 5/);
  });
});

describe("outcome-based agreements need at least two primary indicators per outcome", () => {
  it("lists each outcome with fewer than two primary indicators in the pre-submission check", async () => {
    const check = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka1/submission-check?asAt=2005-03-31" })).json<{ problems: { subject: string; rule: string; message: string }[] }>();
    const outcomes = check.problems.filter((problem) => problem.rule === "primary-indicators");
    // Seed 003: outcome 7 is measured through district "contracts for outcomes", with no countywide primary indicator.
    expect(outcomes).toContainEqual({ subject: "Outcome 7", indicator: null, outcome: 7, rule: "primary-indicators", message: "Outcome 7 has 0 primary indicators; each outcome needs at least 2." });
    expect(outcomes.map((problem) => problem.subject)).not.toContain("Outcome 9");
  });
});

describe("signing up and submitting", () => {
  it("signs Kent Police up to every designated target at once, with the duty to have regard", async () => {
    const response = await send(api.app, partner, { method: "POST", url: "/api/agreements/kent-ka2/sign-ups", body: { organisation: "kent-police", role: "statutory" } });
    expect(response.status).toBe(201);
    const result = response.json<{ signedUp: string[]; alreadySignedUp: string[]; statutoryDuty: string }>();
    expect(result.signedUp.length + result.alreadySignedUp.length).toBe(35);
    expect(result.alreadySignedUp).toContain("NI 47");
    expect(result.statutoryDuty).toMatch(/duty to have regard/);
    const matrix = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/sign-up-matrix" })).json<{ organisations: { slug: string; signUps: Record<string, string> }[] }>();
    expect(Object.keys(matrix.organisations.find((o) => o.slug === "kent-police")?.signUps ?? {})).toHaveLength(35);
  });

  it("lists every indicator without a lead partner, and refuses to submit until there is one", async () => {
    const withdrawn = await send(api.app, manager, { method: "DELETE", url: "/api/agreements/kent-ka2/indicators/ni-47/sign-ups/kent-county-council/lead" });
    expect(withdrawn.status).toBe(204);
    const check = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/submission-check" })).json<{ ready: boolean; problems: { subject: string; rule: string; message: string }[] }>();
    expect(check.ready).toBe(false);
    expect(check.problems).toContainEqual({ subject: "NI 47", indicator: "ni-47", outcome: null, rule: "lead-partner", message: "NI 47 has no lead partner; each indicator needs at least one." });
    const detail = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2" })).json<{ version: number }>();
    const submitted = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/submission", body: { version: detail.version } });
    expect(submitted.status).toBe(409);
    expect(error(submitted).details).toContainEqual({ field: "NI 47", message: "NI 47 has no lead partner; each indicator needs at least one." });
  });
});

describe("bulletins", () => {
  it("lists each step of the workflow since the last bulletin, then starts again from the issued one", async () => {
    const draft = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/bulletins/draft" })).json<{ number: number; sections: { title: string; items: { text: string }[] }[]; text: string }>();
    expect(draft.number).toBe(1);
    const all = draft.sections.flatMap((section) => section.items.map((item) => item.text));
    expect(all).toContain('NI 47: the partnership proposed 2010/11: 592 (50% reduction) — Proposed at 592 (50% reduction)');
    expect(all).toContain("NI 47: the Government Office counter-proposed 2010/11: 55% reduction — DfT asks for a 55% reduction");
    expect(all).toContain("NI 47: agreed with the Government Office: 2010/11: 52% reduction (the partnership's proposal) — Agreed");
    expect(all).toContain("NI 154 omitted, replaced by NI 1: Partners prefer a cohesion indicator");
    expect(all).toContain("NI 163: Kent Police signed up as statutory partner");
    expect(all).toContain("NI 47: Kent County Council withdrew as lead partner");
    expect(all).toContain("NI 3: baseline pending — Cannot be set until the Place Survey is conducted, expected by 30 September 2008");
    expect(draft.text).toMatch(/^Kent Agreement 2 — bulletin 1 \(draft\)/);
    expect(draft.text).toMatch(/Submission to GOSE: 30 May 2008\. Still open: \d+/);

    const issued = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/bulletins", body: {} });
    expect(issued.status).toBe(201);
    const next = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/bulletins/draft?format=text" })).body as string;
    expect(next).toMatch(/bulletin 2 \(draft\)/);
    expect(next).toMatch(/Nothing has changed since the last bulletin/);
    const first = (await send(api.app, officer, { method: "GET", url: "/api/agreements/kent-ka2/bulletins/1?format=text" })).body as string;
    expect(first).toMatch(/bulletin 1, issued \d{1,2} [A-Z][a-z]+ \d{4}/);
    const printable = await send(api.app, officer, { method: "GET", url: "/api/agreements/kent-ka2/bulletins/1?format=html" });
    expect(printable.body).toMatch(/<h1>Kent Agreement 2 — bulletin 1, issued/);
    expect(printable.body).toMatch(/<li>NI 47: agreed with the Government Office: 2010\/11: 52% reduction \(the partnership&#39;s proposal\) — Agreed/);
    expect(printable.body).not.toMatch(/<script/);
  });
});
