/**
 * The Government Office view and one indicator across agreements (issue 10 §5), PGlite and
 * PostgreSQL: the Kent demo with three more agreements made from Kent Agreement 2 by the demo
 * loader — a modest offer on NI 47 in the South East, a North West one, and a draft nobody but a
 * national Government Office negotiator may read — so the ranking is across more than one offer.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { repositoryRoot } from "../src/db/client.js";
import { loadDemo } from "../src/features/demo/load-demo.js";
import type { AcrossAgreementsView, OverviewView } from "../src/features/government-office/schema.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let negotiator: Session;
let folder = "";
const formulaName = '=HYPERLINK("http://evil.example/","Modest")';

/** Every object in the agreement file whose `indicator` is NI 47. */
function ni47Rows(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(ni47Rows);
  if (node === null || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  return [...(record.indicator === "NI 47" ? [record] : []), ...Object.values(record).flatMap(ni47Rows)];
}

function agreementFrom(template: Record<string, unknown>, changes: Record<string, unknown>, reduction: string): Record<string, unknown> {
  const { predecessor: _none, ...rest } = structuredClone(template);
  for (const row of ni47Rows(rest)) {
    row.targets = [{ year: "2010/11", target: { form: "relative", direction: "reduction", change: reduction, changeUnit: "percent" }, written: `${reduction}% reduction` }];
  }
  return { ...rest, ...changes };
}

beforeAll(async () => {
  api = await createTestApp();
  folder = mkdtempSync(join(tmpdir(), "accord-go-view-"));
  const source = resolve(repositoryRoot, "data");
  for (const file of ["areas.yaml", "ni-catalogue.yaml"]) copyFileSync(join(source, file), join(folder, file));
  const organisations = parse(readFileSync(join(source, "organisations.yaml"), "utf8")) as { organisations: Record<string, unknown>[] };
  organisations.organisations.push({ slug: "government-office-for-the-north-west", name: "Government Office for the North West", kind: "government-office", statutory: false, aliases: ["GONW"] });
  writeFileSync(join(folder, "organisations.yaml"), stringify(organisations));
  const template = parse(readFileSync(join(source, "kent-ka2.yaml"), "utf8")) as Record<string, unknown>;
  const made = {
    "modest.yaml": agreementFrom(template, { slug: "modest-offer", name: formulaName, shortName: "MO" }, "10"),
    "north-west.yaml": agreementFrom(
      template,
      { slug: "north-west-offer", name: "North West Agreement", shortName: "NW", governmentOffice: "Government Office for the North West" },
      "25",
    ),
    "draft.yaml": agreementFrom(template, { slug: "draft-offer", name: "Draft Agreement", shortName: "DR", published: false, status: "draft" }, "30"),
  };
  for (const [file, agreement] of Object.entries(made)) writeFileSync(join(folder, file), stringify(agreement));
  await loadDemo(api.database, folder, Object.keys(made));
  // A negotiator for every agreement (a government grant with no single agreement).
  await api.database.db.execute(sql`insert into role_grants (user_id, role) select id, 'government' from users where email = 'negotiator@gose.example'`);
  negotiator = await signIn(api.app, "negotiator@gose.example");
});
afterAll(async () => {
  await api?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function overview(session: Session | null, query = ""): Promise<OverviewView> {
  const answer = await send(api.app, session, { method: "GET", url: `/api/agreements/overview${query}` });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.json<OverviewView>();
}

async function across(session: Session | null, query = ""): Promise<AcrossAgreementsView> {
  const answer = await send(api.app, session, { method: "GET", url: `/api/indicators/ni-47/across-agreements${query}` });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.json<AcrossAgreementsView>();
}

describe("GET /api/agreements/overview", () => {
  it("shows Kent Agreement 2 in the South East with its position, the RAG counts of its latest published round and its late returns", async () => {
    const view = await overview(null);
    const ka2 = view.agreements.find((one) => one.slug === "kent-ka2");
    expect(ka2).toMatchObject({
      name: "Kent Agreement 2",
      area: { code: "E10000016", name: "Kent" },
      region: { code: "south-east", name: "South East", abbreviation: "GOSE" },
      status: "negotiation",
      round: { period: "2008/09 H2", status: "published" },
    });
    // Every active designated indicator is in one of the position's rows.
    const position = ka2?.position;
    expect(position?.total).toBe(35);
    expect((position?.agreedWithGovernmentOffice ?? 0) + (position?.underDiscussion ?? 0) + (position?.afterDeadline ?? 0) + (position?.notStarted ?? 0)).toBe(35);
    // The same counts as the agreement's own dashboard.
    const dashboard = await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/performance" });
    expect(ka2?.rag).toEqual(dashboard.json<{ counts: unknown }>().counts);
    expect(ka2?.returnsLate).toBeGreaterThanOrEqual(0);
    expect(view.regions).toHaveLength(9);
  });

  it("gives the public only published agreements, and a national negotiator the draft too", async () => {
    const publicSlugs = (await overview(null)).agreements.map((one) => one.slug);
    expect(publicSlugs).toEqual(expect.arrayContaining(["kent-ka1", "kent-ka2", "modest-offer", "north-west-offer"]));
    expect(publicSlugs).not.toContain("draft-offer");
    const negotiatorSlugs = (await overview(negotiator)).agreements.map((one) => one.slug);
    expect(negotiatorSlugs).toContain("draft-offer");
  });

  it("filters by region: the North West has only its own agreement; the South East has Kent's", async () => {
    const northWest = await overview(null, "?region=north-west");
    expect(northWest.region).toMatchObject({ code: "north-west", office: "Government Office for the North West" });
    expect(northWest.agreements.map((one) => one.slug)).toEqual(["north-west-offer"]);
    const southEast = (await overview(null, "?region=south-east")).agreements.map((one) => one.slug);
    expect(southEast).toContain("kent-ka2");
    expect(southEast).not.toContain("north-west-offer");
    expect((await overview(null, "?region=london")).agreements).toEqual([]);
  });

  it("refuses an unknown region naming the field", async () => {
    const answer = await send(api.app, null, { method: "GET", url: "/api/agreements/overview?region=wessex" });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("region");
    expect(answer.body).toMatchObject({ error: { field: "region" } });
  });

  it("shows a manager's change to one agreement at once, the others' rows as they were", async () => {
    const before = await overview(null);
    const manager = await signIn(api.app, "manager@kent-partnership.example");
    const detail = await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2" });
    const version = detail.json<{ version: number }>().version;
    const changed = await send(api.app, manager, { method: "PATCH", url: "/api/agreements/kent-ka2", body: { status: "submitted", version } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const after = await overview(null);
    expect(after.agreements.find((one) => one.slug === "kent-ka2")?.status).toBe("submitted");
    expect(after.agreements.filter((one) => one.slug !== "kent-ka2")).toEqual(before.agreements.filter((one) => one.slug !== "kent-ka2"));
    const back = await send(api.app, manager, { method: "PATCH", url: "/api/agreements/kent-ka2", body: { status: "negotiation", version: version + 1 } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
  });

  it("answers 304 to a reader whose copy is current", async () => {
    const first = await api.app.inject({ method: "GET", url: "/api/agreements/overview" });
    const etag = String(first.headers.etag);
    const again = await api.app.inject({ method: "GET", url: "/api/agreements/overview", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
  });
});

describe("GET /api/indicators/:key/across-agreements", () => {
  it("lists KA2's NI 47 with its baseline 1183 and a 50% reduction, ranked above the modest offers", async () => {
    const view = await across(null);
    expect(view.indicator).toMatchObject({ code: "NI 47", polarity: "lower-is-better" });
    const ka2 = view.agreements.find((one) => one.slug === "kent-ka2");
    expect(ka2).toMatchObject({ baseline: "1183", finalTarget: { year: "2010/11", value: "591.5" }, plannedImprovement: "50", change: "reduction" });
    const ranking = view.agreements.filter((one) => one.plannedImprovement !== null).map((one) => [one.slug, one.rank, one.plannedImprovement]);
    expect(ranking).toEqual([
      ["kent-ka2", 1, "50"],
      ["north-west-offer", 2, "25"],
      ["modest-offer", 3, "10"],
    ]);
    expect(view.agreements.map((one) => one.slug)).not.toContain("draft-offer");
    // KA2's latest published value and its status, as its own dashboard has them.
    expect(ka2?.latest.period).toBe("2008/09 H2");
    expect(ka2?.latest.value).not.toBeNull();
  });

  it("gives the negotiator the draft's 30% in its place, and filters by region", async () => {
    const ranked = (await across(negotiator)).agreements.map((one) => [one.slug, one.rank]);
    expect(ranked.slice(0, 4)).toEqual([
      ["kent-ka2", 1],
      ["draft-offer", 2],
      ["north-west-offer", 3],
      ["modest-offer", 4],
    ]);
    expect((await across(null, "?region=north-west")).agreements.map((one) => one.slug)).toEqual(["north-west-offer"]);
  });

  it("writes the ranking as formula-safe CSV", async () => {
    const answer = await api.app.inject({ method: "GET", url: "/api/indicators/ni-47/across-agreements?format=csv" });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/csv/);
    expect(answer.headers["content-disposition"]).toContain("ni-47-across-agreements.csv");
    const [header = [], ...rows] = parseCsv(answer.body, { bom: true, relax_column_count: true }) as string[][];
    expect(header.slice(0, 2)).toEqual(["Rank", "Agreement"]);
    const ka2 = rows.find((row) => row[1] === "Kent Agreement 2");
    expect(ka2?.[header.indexOf("Baseline")]).toBe("1183");
    expect(ka2?.[header.indexOf("Planned improvement (% of baseline)")]).toBe("50");
    const modest = rows.find((row) => row[1]?.includes("HYPERLINK"));
    expect(modest?.[1]?.startsWith("=")).toBe(false);
  });

  it("answers 404 for an indicator not in the catalogue and 400 for a bad format", async () => {
    expect((await send(api.app, null, { method: "GET", url: "/api/indicators/ni-999/across-agreements" })).status).toBe(404);
    const bad = await send(api.app, null, { method: "GET", url: "/api/indicators/ni-47/across-agreements?format=xml" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: "format" } });
  });
});
