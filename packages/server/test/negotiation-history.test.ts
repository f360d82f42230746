/**
 * What the Government Office receives and the history it is read from (issue 7, points 2–4):
 * an agreement says what was agreed and makes it the targets; who speaks and when come from the
 * session, never the body; every write to a target or baseline checks the version it was based on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { createUser, findUserByEmail, grantRole } from "../src/features/users/service.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
let officer: Session;
let negotiator: Session;
let partner: Session;
let viewer: Session;
const today = new Date().toISOString().slice(0, 10);
const ka2 = "/api/agreements/kent-ka2";

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  negotiator = await signIn(api.app, "negotiator@gose.example");
  partner = await signIn(api.app, "partner@kent-police.example");
  viewer = await signIn(api.app, "member@kent.example");
});
afterAll(async () => {
  await api?.close();
});

interface Target {
  year: string;
  component: string;
  value: string | null;
  written: string;
  version: number;
}
interface Entry {
  asAt: string;
  kind: string;
  party: string;
  partyName: string | null;
  status: string;
  recordedBy: string | null;
  recordedAt: string | null;
  transcribedFrom: string | null;
  transcriptionReason: string | null;
  basis: string | null;
  proposal: { year: string; written: string }[] | null;
}
interface Failure {
  error: { code: string; message: string; field?: string };
  current?: Target | null;
}

const post = (session: Session, key: string, body: unknown) => send(api.app, session, { method: "POST", url: `${ka2}/indicators/${key}/negotiation`, body });
const indicator = async (key: string) =>
  (await send(api.app, null, { method: "GET", url: `${ka2}/indicators/${key}` })).json<{ targets: Target[]; status: string; baselinePending: { version: number } | null }>();
const target = async (key: string, year: string) => {
  const found = (await indicator(key)).targets.find((candidate) => candidate.year === year);
  if (!found) throw new Error(`${key} has no ${year} target`);
  return found;
};
const thread = async (key: string) => (await send(api.app, null, { method: "GET", url: `${ka2}/indicators/${key}/negotiation` })).json<{ entries: Entry[] }>().entries;
const summary = async (asAt: string) => (await send(api.app, null, { method: "GET", url: `${ka2}/position-summary?asAt=${asAt}` })).json<Record<string, unknown>>();
const csvRow = async (code: string) => {
  const response = await api.app.inject({ method: "GET", url: `${ka2}/submission?format=csv&asAt=${today}` });
  const rows = parseCsv(response.rawPayload, { bom: true }) as string[][];
  return rows.find((row) => row.some((cell) => cell.startsWith(`${code} `)))?.join(" | ") ?? "";
};

describe("an agreement with the Government Office says what was agreed", () => {
  it("makes a counter-proposal of 560, once agreed, NI 47's target on the page, in the thread, the bulletin and the CSV", async () => {
    const countered = await post(negotiator, "ni-47", { kind: "counter-proposal", note: "DfT would accept 560", proposal: [{ year: "2010/11", target: { form: "absolute", value: "560" } }] });
    expect(countered.status).toBe(201);
    expect((await target("ni-47", "2010/11")).written).toMatch(/592 \(50% reduction\)/);

    const agreed = await post(negotiator, "ni-47", { kind: "agreement-with-government-office", basis: "counter-proposal" });
    expect(agreed.status).toBe(201);
    expect(agreed.json<Entry>()).toMatchObject({ basis: "counter-proposal", status: "agreed-with-government-office", proposal: [{ year: "2010/11", written: "560" }] });
    expect(await target("ni-47", "2010/11")).toMatchObject({ value: "560", written: "560" });
    expect((await thread("ni-47")).at(-1)).toMatchObject({ kind: "agreement-with-government-office", basis: "counter-proposal" });
    const bulletin = (await send(api.app, manager, { method: "GET", url: `${ka2}/bulletins/draft` })).json<{ text: string }>().text;
    expect(bulletin).toContain("NI 47: agreed with the Government Office: 2010/11: 560 (the counter-proposal)");
    const row = await csvRow("NI 47");
    expect(row).toContain("560");
    expect(row).not.toContain("592 (50% reduction)");
  });

  it("refuses an agreement that does not say what it agrees, naming basis", async () => {
    const response = await post(negotiator, "ni-152", { kind: "agreement-with-government-office" });
    expect(response.status).toBe(400);
    expect(response.json<Failure>().error).toMatchObject({ field: "basis" });
    expect(response.json<Failure>().error.message).toMatch(/proposal.*counter-proposal.*amended/);
  });

  it("refuses to agree an indicator with no baseline and no pending reason, saying why", async () => {
    const response = await post(negotiator, "ni-73", { kind: "agreement-with-government-office", basis: "amended", proposal: [{ year: "2008/09", target: { form: "absolute", value: "75" } }] });
    expect(response.status).toBe(409);
    expect(response.json<Failure>().error.message).toMatch(/NI 73 cannot be agreed: it has no baseline and no reason why its baseline is pending/);
    expect((await indicator("ni-73")).targets).toEqual([]);
  });

  it("refuses to agree a proposal nobody made, or a counter-proposal that gives no targets", async () => {
    const noProposal = await post(negotiator, "ni-195", { kind: "agreement-with-government-office", basis: "counter-proposal" });
    expect(noProposal.status).toBe(409);
    expect(noProposal.json<Failure>().error).toMatchObject({ field: "basis" });
    expect(noProposal.json<Failure>().error.message).toMatch(/no counter-proposal to agree/);
  });

  it("does not overwrite a target changed after the counter-proposal when that counter-proposal is agreed", async () => {
    await post(negotiator, "ni-155", { kind: "counter-proposal", proposal: [{ year: "2010/11", target: { form: "cumulative", increment: "1300" } }] });
    const read = await target("ni-155", "2010/11");
    const changed = await send(api.app, manager, { method: "PUT", url: `${ka2}/indicators/ni-155/targets`, body: { year: "2010/11", target: { form: "cumulative", increment: "1450" }, version: read.version } });
    expect(changed.status).toBe(200);
    const agreed = await post(negotiator, "ni-155", { kind: "agreement-with-government-office", basis: "counter-proposal" });
    expect(agreed.status).toBe(409);
    expect(agreed.json<Failure>().current).toMatchObject({ written: "+1450" });
    expect((await target("ni-155", "2010/11")).written).toBe("+1450");
    // Agreeing the values as they now stand, with the version read, is the way to agree them.
    const amended = await post(negotiator, "ni-155", { kind: "agreement-with-government-office", basis: "amended", proposal: [{ year: "2010/11", target: { form: "cumulative", increment: "1450" }, version: read.version + 1 }] });
    expect(amended.status).toBe(201);
  });
});

describe("who speaks and when come from the session", () => {
  it("refuses a body naming the party or the date, whoever sends it, and the position summary as at a past date does not move", async () => {
    const before = await summary("2008-05-01");
    const attempts: { session: Session; body: Record<string, unknown>; field: string }[] = [
      { session: viewer, body: { kind: "comment", note: "Agreed", party: "government-office" }, field: "party" },
      { session: viewer, body: { kind: "comment", note: "Agreed", asAt: "2008-04-01" }, field: "asAt" },
      { session: partner, body: { kind: "comment", note: "DCSF agrees", partyName: "DCSF" }, field: "partyName" },
      { session: partner, body: { kind: "comment", note: "DCSF agrees", date: "2099-01-01" }, field: "date" },
      { session: negotiator, body: { kind: "deferral", asAt: "2008-04-01" }, field: "asAt" },
    ];
    for (const { session, body, field } of attempts) {
      const response = await post(session, "ni-163", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json<Failure>().error.field).toBe(field);
      // The message names the field once, then the reason in words for that field.
      const reason = field === "party" || field === "partyName" ? "who speaks comes from your role" : "an entry is dated when it is recorded";
      expect(response.json<Failure>().error.message).toContain(`${field} (body) cannot be sent: ${reason}`);
    }
    // Saying it under their own name is refused too: a viewer and a partner do not negotiate.
    expect((await post(viewer, "ni-163", { kind: "agreement-with-government-office", basis: "proposal" })).status).toBe(403);
    expect((await post(partner, "ni-163", { kind: "counter-proposal", proposal: [{ year: "2010/11", target: { form: "absolute", value: "1" } }] })).status).toBe(403);
    expect(await summary("2008-05-01")).toEqual(before);
    expect((await thread("ni-163")).every((entry) => entry.asAt === "2008-05-01")).toBe(true);
  });

  it("dates a comment when it is recorded, under the commenter's side, and never changes the status", async () => {
    const status = (await indicator("ni-163")).status;
    const before = await summary(today);
    const comment = await post(viewer, "ni-163", { kind: "comment", note: "Members ask for a faster reduction" });
    expect(comment.status).toBe(201);
    expect(comment.json<Entry>()).toMatchObject({ asAt: today, party: "partnership", partyName: null, recordedBy: "County Councillor (viewer)", transcribedFrom: null });
    expect(Date.now() - Date.parse(comment.json<Entry>().recordedAt ?? "")).toBeLessThan(60_000);
    const government = await post(negotiator, "ni-163", { kind: "comment", note: "We will reply by Friday" });
    expect(government.json<Entry>()).toMatchObject({ party: "government-office" });
    expect((await indicator("ni-163")).status).toBe(status);
    expect(await summary(today)).toEqual(before);
  });

  it("names the department from a department negotiator's grant", async () => {
    const email = "negotiator@dwp.example";
    const { password } = await createUser({ db: api.database.db, caller: "command-line", email, name: "DWP Negotiator" });
    const userId = await findUserByEmail(api.database.db, email);
    await grantRole({ db: api.database.db, caller: "command-line", userId, grant: { role: "government", agreement: "kent-ka2", organisation: "department-for-work-and-pensions" } });
    const dwp = await signIn(api.app, email, password);
    const response = await post(dwp, "ni-152", { kind: "counter-proposal", proposal: [{ year: "2010/11", target: { form: "absolute", value: "12" } }] });
    expect(response.status).toBe(201);
    expect(response.json<Entry>()).toMatchObject({ party: "department", partyName: "DWP", asAt: today });
  });

  it("lets only a manager record a dated entry transcribed from a document, with a reason, and marks it so", async () => {
    const transcription = { from: "GOSE letter of 20 May 2008", date: "2008-05-20", reason: "The letter came by post" };
    const body = { kind: "deferral", note: "Deferred to the refresh", transcription };
    expect((await post(officer, "ni-47", body)).status).toBe(403);
    const byNegotiator = await post(negotiator, "ni-47", body);
    expect(byNegotiator.status).toBe(403);
    expect(byNegotiator.json<Failure>().error.field).toBe("transcription");
    const live = await post(manager, "ni-47", { kind: "deferral" });
    expect(live.status).toBe(403);
    expect(live.json<Failure>().error.message).toMatch(/transcribed from that document/);
    const withoutReason = await post(manager, "ni-47", { ...body, transcription: { from: transcription.from, date: transcription.date } });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.json<Failure>().error.field).toBe("transcription.reason");

    const recorded = await post(manager, "ni-47", body);
    expect(recorded.status).toBe(201);
    expect(recorded.json<Entry>()).toMatchObject({
      asAt: "2008-05-20",
      party: "government-office",
      transcribedFrom: "GOSE letter of 20 May 2008",
      transcriptionReason: "The letter came by post",
      recordedBy: "Kent Agreement Manager",
    });
    expect(recorded.json<Entry>().recordedAt?.slice(0, 10)).toBe(today);
    expect(await thread("ni-47")).toContainEqual(expect.objectContaining({ asAt: "2008-05-20", kind: "deferral", transcribedFrom: "GOSE letter of 20 May 2008" }));
    expect((await summary("2008-05-20")).byIndicator).toContainEqual({ code: "NI 47", kind: "designated", status: "deferred" });
  });
});

describe("every write to a target or baseline checks the version", () => {
  it("refuses a proposal based on a target the manager has changed since, with the manager's target, and keeps it", async () => {
    const read = await target("ni-154", "2009/10");
    const managerEdit = await send(api.app, manager, { method: "PUT", url: `${ka2}/indicators/ni-154/targets`, body: { year: "2009/10", target: { form: "absolute", value: "5800" }, version: read.version } });
    expect(managerEdit.status).toBe(200);
    const proposal = await post(manager, "ni-154", { kind: "proposal", proposal: [{ year: "2009/10", target: { form: "absolute", value: "5700" }, version: read.version }] });
    expect(proposal.status).toBe(409);
    expect(proposal.json<Failure>()).toMatchObject({ error: { field: "version" }, current: { written: "5800", version: read.version + 1 } });
    const withoutVersion = await post(manager, "ni-154", { kind: "proposal", proposal: [{ year: "2009/10", target: { form: "absolute", value: "5700" } }] });
    expect(withoutVersion.status).toBe(409);
    expect(await target("ni-154", "2009/10")).toMatchObject({ written: "5800", version: read.version + 1 });
  });

  it("gives one success and one 409 when two proposals race from the same read", async () => {
    const read = await target("ni-154", "2010/11");
    const propose = (value: string) => post(manager, "ni-154", { kind: "proposal", proposal: [{ year: "2010/11", target: { form: "absolute", value }, version: read.version }] });
    const results = await Promise.all([propose("5901"), propose("5902")]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    expect((await target("ni-154", "2010/11")).version).toBe(read.version + 1);
  });

  it("gives a pending baseline a version and refuses a stale or missing one with the current reason", async () => {
    const read = (await indicator("ni-3")).baselinePending;
    expect(read?.version).toBeGreaterThan(0);
    const put = (reason: string, version?: number) =>
      send(api.app, manager, { method: "PUT", url: `${ka2}/indicators/ni-3/baseline-pending`, body: { reason, ...(version === undefined ? {} : { version }) } });
    const first = await put("Place Survey results due in December", read?.version);
    expect(first.status).toBe(200);
    expect(first.json<{ version: number }>().version).toBe((read?.version ?? 0) + 1);
    const stale = await put("Place Survey in September", read?.version);
    expect(stale.status).toBe(409);
    expect(stale.json<{ current: { reason: string } }>().current.reason).toBe("Place Survey results due in December");
    expect((await put("No version at all")).status).toBe(409);
  });
});
