/**
 * Issue 7 points 16 and 17 on the server: withdrawing from every designated target (the undo of
 * "sign up to all"), no bulletin with nothing in it, blockers that name their indicator, and
 * "my work" for each demo role, read from the same policy and derived statuses as the pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusAsAt } from "@accord/domain";
import type { MyWorkView, SignUpMatrixView, SubmissionCheckView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
const sessions: Record<string, Session> = {};
const emails = {
  manager: "manager@kent-partnership.example",
  officer: "officer.ni47@kent-partnership.example",
  partner: "partner@kent-police.example",
  government: "negotiator@gose.example",
  lsp: "lsp.thanet@kent-partnership.example",
  viewer: "member@kent.example",
} as const;
type DemoRole = keyof typeof emails;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  api = await createTestApp();
  for (const [role, email] of Object.entries(emails)) sessions[role] = await signIn(api.app, email);
});
afterAll(async () => {
  await api?.close();
});

const as = (role: DemoRole) => sessions[role] ?? null;
const ka2Work = async (role: DemoRole) => {
  const response = await send(api.app, as(role), { method: "GET", url: "/api/my-work" });
  expect(response.status).toBe(200);
  const work = response.json<MyWorkView>().agreements.find((agreement) => agreement.slug === "kent-ka2");
  if (!work) throw new Error(`no Kent Agreement 2 in ${role}'s work`);
  return work;
};
const section = async (role: DemoRole, sectionRole: string) => {
  const found = (await ka2Work(role)).sections.find((candidate) => candidate.role === sectionRole);
  if (!found) throw new Error(`no ${sectionRole} section in ${role}'s work`);
  return found;
};
const policeRow = async () =>
  (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/sign-up-matrix" })).json<SignUpMatrixView>().organisations.find((row) => row.slug === "kent-police")?.signUps ?? {};

describe("withdrawing from every designated target", () => {
  it("undoes sign-up to all, keeps lead sign-ups, and is recorded for the bulletin", async () => {
    const before = await policeRow();
    const signed = await send(api.app, as("partner"), { method: "POST", url: "/api/agreements/kent-ka2/sign-ups", body: { organisation: "kent-police", role: "statutory" } });
    expect(signed.status).toBe(201);
    const { signedUp } = signed.json<{ signedUp: string[] }>();
    expect(signedUp.length).toBeGreaterThan(0);

    const withdrawn = await send(api.app, as("partner"), { method: "DELETE", url: "/api/agreements/kent-ka2/sign-ups/kent-police" });
    expect(withdrawn.status).toBe(200);
    const answer = withdrawn.json<{ withdrawn: string[]; keptAsLead: string[] }>();
    for (const code of signedUp) expect(answer.withdrawn).toContain(code);
    const after = await policeRow();
    const matrix = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/sign-up-matrix" })).json<SignUpMatrixView>();
    const designatedKeys = new Set(matrix.indicators.map((indicator) => indicator.key));
    // Lead sign-ups stay and are named; no supporting sign-up to a designated target is left.
    const leadsBefore = Object.entries(before).filter(([, role]) => role === "lead").map(([key]) => key);
    expect(Object.entries(after).filter(([, role]) => role === "lead").map(([key]) => key)).toEqual(leadsBefore);
    expect(answer.keptAsLead.length).toBe(leadsBefore.filter((key) => designatedKeys.has(key)).length);
    expect(Object.values(after).filter((role) => role === "statutory").length).toBeLessThanOrEqual(Object.values(before).filter((role) => role === "statutory").length);

    const draft = (await send(api.app, as("manager"), { method: "GET", url: "/api/agreements/kent-ka2/bulletins/draft?format=text" })).body as string;
    expect(draft).toMatch(/Kent Police withdrew as statutory partner/);

    const again = await send(api.app, as("partner"), { method: "DELETE", url: "/api/agreements/kent-ka2/sign-ups/kent-police" });
    expect(again.json<{ withdrawn: string[] }>().withdrawn).toEqual([]);
  });

  it("refuses another organisation and an unknown one, naming the field", async () => {
    const other = await send(api.app, as("partner"), { method: "DELETE", url: "/api/agreements/kent-ka2/sign-ups/kent-county-council" });
    expect(other.status).toBe(403);
    const unknown = await send(api.app, as("partner"), { method: "DELETE", url: "/api/agreements/kent-ka2/sign-ups/no-such-body" });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ error: { field: string } }>().error.field).toBe("organisation");
  });
});

describe("the submission check and the bulletin", () => {
  it("names the indicator of each blocker by its key", async () => {
    const check = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/submission-check" })).json<SubmissionCheckView>();
    expect(check.problems.length).toBeGreaterThan(0);
    const indicators = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators" })).json<{ indicators: { key: string; code: string }[] }>().indicators;
    for (const problem of check.problems) {
      expect(indicators.find((indicator) => indicator.key === problem.indicator)?.code).toBe(problem.subject);
    }
  });

  it("refuses to issue a bulletin with nothing new, and issues nothing", async () => {
    await send(api.app, as("viewer"), { method: "POST", url: "/api/agreements/kent-ka2/indicators/ni-47/comments", body: { body: "A comment is not news." } });
    await send(api.app, as("partner"), { method: "POST", url: "/api/agreements/kent-ka2/indicators/ni-47/sign-ups", body: { organisation: "kent-police", role: "statutory" } });
    const first = await send(api.app, as("manager"), { method: "POST", url: "/api/agreements/kent-ka2/bulletins", body: {} });
    expect(first.status).toBe(201);
    const count = async () => (await send(api.app, as("manager"), { method: "GET", url: "/api/agreements/kent-ka2/bulletins" })).json<{ bulletins: unknown[] }>().bulletins.length;
    const issued = await count();
    const empty = await send(api.app, as("manager"), { method: "POST", url: "/api/agreements/kent-ka2/bulletins", body: {} });
    expect(empty.status).toBe(409);
    expect(empty.json<{ error: { message: string } }>().error.message).toMatch(/nothing to issue/);
    expect(await count()).toBe(issued);
  });
});

describe("my work", () => {
  it("needs a sign-in", async () => {
    expect((await send(api.app, null, { method: "GET", url: "/api/my-work" })).status).toBe(401);
  });

  it("gives the manager the blockers of the pre-submission check, each linked to its indicator, and the deadline", async () => {
    const check = (await send(api.app, null, { method: "GET", url: `/api/agreements/kent-ka2/submission-check?asAt=${today}` })).json<SubmissionCheckView>();
    const work = await ka2Work("manager");
    expect(work.deadline?.date).toBe("2008-05-30");
    const manager = work.sections.find((candidate) => candidate.role === "manager");
    const blockers = manager?.items.filter((item) => item.link.page === "indicator") ?? [];
    expect(blockers.map((item) => item.text)).toEqual(check.problems.filter((problem) => problem.indicator).map((problem) => problem.message));
    expect(blockers.map((item) => (item.link.page === "indicator" ? item.link.key : ""))).toEqual(check.problems.flatMap((problem) => (problem.indicator ? [problem.indicator] : [])));
    expect(manager?.summary).toContain(`${check.problems.length} problems block sign-off`);
  });

  it("gives the Government Office exactly the proposals whose derived status awaits its response", async () => {
    const indicators = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators" })).json<{
      indicators: { key: string; kind: string; state: string; statusHistory: { asAt: string; status: "proposed" }[] }[];
    }>().indicators;
    const awaiting = indicators
      .filter((indicator) => indicator.state === "active" && (indicator.kind === "designated" || indicator.kind === "statutory"))
      .filter((indicator) => ["proposed", "under-discussion"].includes(statusAsAt(indicator.statusHistory, today)))
      .map((indicator) => indicator.key);
    expect(awaiting.length).toBeGreaterThan(0);
    const government = await section("government", "government");
    expect(government.items.map((item) => (item.link.page === "indicator" ? item.link.key : ""))).toEqual(awaiting);
  });

  it("puts the officer's indicator first with a counter-proposal awaiting their answer once the Government Office counters", async () => {
    const before = await section("officer", "officer");
    expect(before.items.map((item) => item.link)).toEqual([{ page: "indicator", key: "ni-47" }]);
    expect(before.summary).toContain("no counter-proposal awaits your answer");
    const countered = await send(api.app, as("government"), {
      method: "POST",
      url: "/api/agreements/kent-ka2/indicators/ni-47/negotiation",
      body: { kind: "counter-proposal", proposal: [{ year: "2010/11", target: { form: "absolute", value: "560" }, written: "560" }] },
    });
    expect(countered.status).toBe(201);
    const after = await section("officer", "officer");
    expect(after.summary).toContain("1 counter-proposal awaits your answer");
    expect(after.items[0]?.text).toContain("NI 47");
    expect(after.items[0]?.text).toContain("counter-proposal awaits your answer");
    // And it is no longer awaiting the Government Office.
    const government = await section("government", "government");
    expect(government.items.some((item) => item.link.page === "indicator" && item.link.key === "ni-47")).toBe(false);
  });

  it("lists the partner's designated targets not yet signed, and none once signed up to all", async () => {
    await send(api.app, as("partner"), { method: "DELETE", url: "/api/agreements/kent-ka2/sign-ups/kent-police" });
    const matrix = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/sign-up-matrix" })).json<SignUpMatrixView>();
    const row = matrix.organisations.find((organisation) => organisation.slug === "kent-police")?.signUps ?? {};
    const designated = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators?kind=designated" })).json<{ indicators: { key: string; state: string }[] }>().indicators.filter((indicator) => indicator.state === "active");
    const unsigned = designated.filter((indicator) => row[indicator.key] === undefined).map((indicator) => indicator.key);
    expect(unsigned.length).toBeGreaterThan(0);
    const before = await section("partner", "partner");
    expect(before.items.flatMap((item) => (item.link.page === "indicator" ? [item.link.key] : []))).toEqual(unsigned);
    expect(before.summary).toContain(`Kent Police has not signed up to ${unsigned.length} designated target`);

    await send(api.app, as("partner"), { method: "POST", url: "/api/agreements/kent-ka2/sign-ups", body: { organisation: "kent-police", role: "statutory" } });
    const after = await section("partner", "partner");
    expect(after.items).toEqual([]);
    expect(after.summary).toBe("Kent Police is signed up to every designated target.");
  });

  it("sends the LSP coordinator to their district and the viewer to the agreement", async () => {
    const lsp = await section("lsp", "lsp");
    expect(lsp.title).toContain("Thanet");
    expect(lsp.items.map((item) => item.link)).toEqual([{ page: "district", code: "E07000114" }]);
    const viewer = await section("viewer", "viewer");
    expect(viewer.items.map((item) => item.link.page)).toEqual(["agreement", "bulletins"]);
    // A viewer is not given anyone else's work.
    expect((await ka2Work("viewer")).sections.map((candidate) => candidate.role)).toEqual(["viewer"]);
  });
});
