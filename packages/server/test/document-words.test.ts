/**
 * Issue 7 point 14: what users read and what is sent to the Government Office carries the
 * documents' words, not notes about the transcription ("the seed's text…", "(seed 000)",
 * "Counted as under discussion so that…"), and no status cell says itself twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementIndicatorPageView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

const transcriptionNotes = /\bseeds?\b|ni-partial|conversion garbled|counted as under discussion|so that the appendix matches|transcribed/i;

const text = async (url: string) => {
  const response = await send(api.app, manager, { method: "GET", url });
  expect(response.status, url).toBe(200);
  return typeof response.body === "string" ? response.body : JSON.stringify(response.body);
};

describe("the words shown and sent are the documents'", () => {
  it.each([
    "/api/agreements",
    "/api/agreements/kent-ka1",
    "/api/agreements/kent-ka1/outcomes",
    "/api/agreements/kent-ka1/freedoms",
    "/api/agreements/kent-ka2",
    "/api/agreements/kent-ka2/submission?format=csv&asAt=2008-05-01",
    "/api/agreements/kent-ka2/submission?format=html&asAt=2008-05-01",
    "/api/agreements/kent-ka2/bulletins/draft?format=text",
    "/api/agreements/kent-ka2/position-summary?asAt=2008-05-01",
  ])("%s has no note about the transcription", async (url) => {
    const found = (await text(url)).match(transcriptionNotes);
    expect(found?.[0] ?? null).toBeNull();
  });

  it("says NI 188's status once, and its baseline and target as figures", async () => {
    const ni188 = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-188" })).json<AgreementIndicatorPageView>();
    const notes = ni188.statusHistory.map((entry) => entry.note ?? "").join(" ");
    expect(notes.match(/GOSE/g)?.length ?? 0).toBe(1);
    expect(ni188.baselines.map((baseline) => baseline.written)).toEqual(["Level 1"]);
    expect(ni188.targets.map((target) => target.written)).toEqual(["Level 3"]);
    const csv = await text("/api/agreements/kent-ka2/submission?format=csv&asAt=2008-05-01");
    const row = csv.split("\n").find((line) => line.includes("NI 188")) ?? "";
    expect(row.match(/Finalising with GOSE/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe("counts in words", () => {
  it("refuses a submission with blockers counted as '… problems', not 'problem(s)'", async () => {
    const ka2 = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2" })).json<{ version: number }>();
    const refused = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/submission", body: { version: ka2.version } });
    expect(refused.status).toBe(409);
    const message = refused.json<{ error: { message: string } }>().error.message;
    expect(message).toMatch(/\d+ problems block sign-off/);
    expect(message).not.toContain("(s)");
  });
});

describe("one date style in bulletins", () => {
  it("writes every date in a bulletin as '30 May 2008', never as 2008-05-30", async () => {
    // NI 11's baseline is already pending in the demo: the change carries the version read.
    const read = await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-11" });
    const version = read.json<AgreementIndicatorPageView>().baselinePending?.version;
    const pending = await send(api.app, manager, {
      method: "PUT",
      url: "/api/agreements/kent-ka2/indicators/ni-11/baseline-pending",
      body: { reason: "Awaiting the Active People Survey", expectedBy: "2008-10-31", ...(version === undefined ? {} : { version }) },
    });
    expect(pending.status).toBe(200);
    const bulletin = await text("/api/agreements/kent-ka2/bulletins/draft?format=text");
    expect(bulletin).toContain("expected by 31 October 2008");
    expect(bulletin.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null).toBeNull();
    const printable = await text("/api/agreements/kent-ka2/bulletins/draft?format=html");
    expect(printable.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null).toBeNull();
  });
});
