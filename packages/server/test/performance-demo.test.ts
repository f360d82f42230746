/**
 * The performance pages on the demo as loaded (PGlite and PostgreSQL): the illustrative figures
 * for Kent Agreement 2 make a dashboard worth opening — two published rounds the public sees, an
 * open one only people with a role see, a mix of statuses with NI 47 red in 2008/09 H1 — and say
 * they are illustrative wherever they are shown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { illustrativeFiguresMarker } from "../src/features/demo/illustrative-figures.js";
import type { Dashboard, DistrictRanking } from "../src/features/performance/schema.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
const ka2 = "/api/agreements/kent-ka2";

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

async function dashboard(session: Session | null, query = ""): Promise<Dashboard> {
  const answer = await send(api.app, session, { method: "GET", url: `${ka2}/performance${query}` });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.json<Dashboard>();
}

describe("the demo's dashboard", () => {
  it("shows the public the two published rounds, standing at 2008/09 H2, with its figures marked illustrative", async () => {
    const view = await dashboard(null);
    expect(view.rounds.map((round) => round.key)).toEqual(["2008-09-h1", "2008-09-h2"]);
    expect(view.round?.key).toBe("2008-09-h2");
    expect(view.illustrative).toBe(illustrativeFiguresMarker);
    const valued = view.indicators.filter((row) => row.actual !== null);
    expect(valued.length).toBeGreaterThanOrEqual(15);
    expect(valued.every((row) => row.period === "2008/09 H2" || row.period === "2008/09 H1")).toBe(true);
  });

  it("tells a story in 2008/09 H1: NI 47 red, and green, amber and red among the rest", async () => {
    const view = await dashboard(null, "?round=2008-09-h1");
    const ni47 = view.indicators.find((row) => row.code === "NI 47");
    expect(ni47).toMatchObject({ period: "2008/09 H1", status: "red", returnStatus: "accepted" });
    expect(ni47?.spark.map((point) => point.period)).toEqual(["2008/09 H1"]);
    expect(view.counts.green).toBeGreaterThan(0);
    expect(view.counts.red).toBeGreaterThan(1);
    expect(view.counts.grey).toBeGreaterThan(0);
    const later = await dashboard(null, "?round=2008-09-h2");
    expect(later.counts.amber).toBeGreaterThan(0);
    // The sparkline runs over both published rounds, and the direction compares H2 with H1.
    const ni47Later = later.indicators.find((row) => row.code === "NI 47");
    expect(ni47Later?.spark.map((point) => point.period)).toEqual(["2008/09 H1", "2008/09 H2"]);
    expect(ni47Later?.direction).not.toBeNull();
  });

  it("shows the manager the open 2009/10 H1 round with its returns as they stand", async () => {
    const view = await dashboard(manager);
    expect(view.round).toMatchObject({ key: "2009-10-h1", status: "open" });
    const statuses = new Set(view.indicators.map((row) => row.returnStatus));
    expect(view.indicators.find((row) => row.code === "NI 47")?.returnStatus).toBe("draft");
    expect(statuses.has("missing")).toBe(true);
    expect(statuses.has("submitted")).toBe(true);
  });

  it("ranks NI 47's 12 districts in 2008/09 H1, their shares adding up to the county", async () => {
    const answer = await send(api.app, null, { method: "GET", url: `${ka2}/indicators/ni-47/districts?round=2008-09-h1` });
    expect(answer.status).toBe(200);
    const ranking = answer.json<DistrictRanking>();
    expect(ranking.illustrative).toBe(illustrativeFiguresMarker);
    expect(ranking.districts).toHaveLength(12);
    expect(ranking.districts.every((one) => one.rank !== null && one.value !== null)).toBe(true);
    expect(ranking.districts[0]?.rank).toBe(1);
    const shares = ranking.districts.reduce((sum, one) => sum + Number(one.share), 0);
    expect(shares).toBeGreaterThan(99);
    expect(shares).toBeLessThan(101);
    const csv = await api.app.inject({ method: "GET", url: `${ka2}/indicators/ni-47/districts?round=2008-09-h1&format=csv` });
    expect(csv.body.trimEnd().split("\r\n").at(-1)).toBe(`"${illustrativeFiguresMarker}"`);
  });
});
