import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementDetailView, AgreementIndicatorPageView, AgreementListView, ApiError, FreedomView, IndicatorListView, OutcomeView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";

let api: TestApp;
beforeAll(async () => {
  api = await createTestApp();
});
afterAll(async () => {
  await api?.close();
});

// Seed 000's appendix, theme by theme: the 35 designated indicators (NI 170 is printed too,
// proposed for omission in favour of NI 159) and the 16 DCSF statutory ones.
const ka2Designated = [
  "NI 163", "NI 171", "NI 152", "NI 188",
  "NI 161", "NI 162", "NI 117",
  "NI 120", "NI 55", "NI 39", "NI 40", "NI 125", "NI 51",
  "NI 189", "NI 186", "NI 191", "NI 197",
  "NI 195", "NI 15", "NI 21", "NI 111", "NI 32", "NI 3", "NI 6",
  "NI 11", "NI 8", "NI 110",
  "NI 198", "NI 175", "NI 47",
  "NI 159", "NI 187", "NI 154", "NI 155", "NI 141",
];
const ka2Statutory = ["NI 92", "NI 72", "NI 73", "NI 93", "NI 94", "NI 74", "NI 83", "NI 95", "NI 96", "NI 75", "NI 97", "NI 98", "NI 87", "NI 99", "NI 100", "NI 101"];

describe("GET /api/agreements", () => {
  it("lists both Kent agreements, KA1 before its successor KA2", async () => {
    const { status, body } = await api.get<AgreementListView>("/api/agreements");
    expect(status).toBe(200);
    expect(body.agreements.map((a) => a.slug)).toEqual(["kent-ka1", "kent-ka2"]);
    const ka2 = body.agreements[1];
    expect(ka2?.years).toEqual(["2008/09", "2009/10", "2010/11"]);
    expect(ka2?.predecessor?.slug).toBe("kent-ka1");
    expect(ka2?.indicatorCounts).toMatchObject({ designated: 35, statutory: 16, omitted: 1 });
    expect(body.agreements[0]?.successor?.slug).toBe("kent-ka2");
  });
});

describe("GET /api/agreements/kent-ka2", () => {
  let ka2: AgreementDetailView;
  beforeAll(async () => {
    ka2 = (await api.get<AgreementDetailView>("/api/agreements/kent-ka2")).body;
  });
  const indicator = (code: string) => ka2.themes.flatMap((theme) => theme.indicators).find((i) => i.code === code);

  it("holds NI 47 with baseline 1183 and target 592, a 50% reduction worked out as 591.5, led by Kent County Council", () => {
    const ni47 = indicator("NI 47");
    expect(ni47?.baselines[0]?.value).toBe("1183");
    const target = ni47?.targets.find((t) => t.writtenValue === "592");
    expect(target?.target).toMatchObject({ form: "relative", direction: "reduction", change: "50" });
    expect(target?.value).toBe("591.5");
    expect(ni47?.partners.filter((p) => p.role === "lead").map((p) => p.organisation.name)).toEqual(["Kent County Council"]);
  });

  it("keeps NI 170 as omitted, linked to NI 159 which replaces it", () => {
    expect(indicator("NI 170")).toMatchObject({ state: "omitted", replacedBy: "NI 159" });
    expect(indicator("NI 159")).toMatchObject({ state: "active", replaces: "NI 170", kind: "designated" });
  });

  it("carries NI 155's cumulative targets to 2859 and 4284", () => {
    const values = indicator("NI 155")?.targets.map((t) => t.value);
    expect(values).toEqual(["1356", "2859", "4284"]);
  });

  it("has every indicator code of the seed's appendix, with the 16 DCSF statutory ones in their own group", () => {
    const indicators = ka2.themes.flatMap((theme) => theme.indicators);
    const designated = indicators.filter((i) => i.kind === "designated" && i.state === "active").map((i) => i.code);
    expect(designated).toEqual(ka2Designated);
    expect(indicators.map((i) => i.code)).toContain("NI 170");
    const statutoryGroup = ka2.themes.find((theme) => theme.kind === "statutory-group");
    expect(statutoryGroup?.indicators.map((i) => i.code).sort()).toEqual([...ka2Statutory].sort());
  });

  it("gives a pending baseline its reason instead of a value", () => {
    const ni3 = indicator("NI 3");
    expect(ni3?.baselines).toEqual([]);
    expect(ni3?.baselinePending?.reason).toMatch(/Place/);
  });
});

describe("GET /api/agreements/:slug/indicators", () => {
  it("filters by theme, status and partner", async () => {
    const all = (await api.get<IndicatorListView>("/api/agreements/kent-ka2/indicators")).body.indicators;
    const deferred = (await api.get<IndicatorListView>("/api/agreements/kent-ka2/indicators?status=deferred")).body.indicators;
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.length).toBeLessThan(all.length);
    expect(deferred.every((i) => i.status === "deferred")).toBe(true);
    const police = (await api.get<IndicatorListView>("/api/agreements/kent-ka2/indicators?partner=kent-police")).body.indicators;
    expect(police.map((i) => i.code)).toContain("NI 47");
    expect(police.every((i) => i.partners.some((p) => p.organisation.slug === "kent-police"))).toBe(true);
  });

  it("answers 400 naming the field for an unknown status or theme", async () => {
    const badStatus = await api.get<ApiError>("/api/agreements/kent-ka2/indicators?status=nearly");
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.field).toBe("status");
    const badTheme = await api.get<ApiError>("/api/agreements/kent-ka2/indicators?theme=nowhere");
    expect(badTheme.status).toBe(400);
    expect(badTheme.body.error.field).toBe("theme");
  });

  it("gives one indicator with its agreement", async () => {
    const { status, body } = await api.get<AgreementIndicatorPageView>("/api/agreements/kent-ka2/indicators/ni-47");
    expect(status).toBe(200);
    expect(body.agreement.slug).toBe("kent-ka2");
    expect(body.statusHistory[0]?.asAt).toBe("2008-05-01");
    const missing = await api.get<ApiError>("/api/agreements/kent-ka2/indicators/ni-999");
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe("key");
  });
});

describe("GET /api/agreements/:slug/position-summary", () => {
  it("reproduces the seed's table as at 01/05/08 from the per-indicator statuses", async () => {
    const { status, body } = await api.get<Record<string, unknown>>("/api/agreements/kent-ka2/position-summary?asAt=2008-05-01");
    expect(status).toBe(200);
    expect(body).toMatchObject({ agreement: "kent-ka2", asAt: "2008-05-01", agreedWithGovernmentOffice: 2, underDiscussion: 23, afterDeadline: 10, total: 35, statutoryToBeAgreed: 16 });
  });

  it("counts nothing as agreed the day before the statuses were recorded", async () => {
    const { body } = await api.get<Record<string, number>>("/api/agreements/kent-ka2/position-summary?asAt=2008-04-30");
    expect(body.agreedWithGovernmentOffice).toBe(0);
    expect(body.total).toBe(35);
  });

  it("answers 400 naming asAt for a bad or missing date", async () => {
    for (const url of ["?asAt=2008-02-30", "?asAt=01/05/08", ""]) {
      const { status, body } = await api.get<ApiError>(`/api/agreements/kent-ka2/position-summary${url}`);
      expect(status).toBe(400);
      expect(body.error.field).toBe("asAt");
      expect(body.error.message).toMatch(/asAt/);
    }
  });

  it("answers 404 for an agreement that does not exist", async () => {
    const { status, body } = await api.get<ApiError>("/api/agreements/kent-ka9/position-summary?asAt=2008-05-01");
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: "NOT_FOUND", field: "slug" });
  });
});

describe("Kent Agreement 1", () => {
  it("has outcomes 1 to 19, outcome 15 deleted with its number kept", async () => {
    const { body } = await api.get<{ outcomes: OutcomeView[] }>("/api/agreements/kent-ka1/outcomes");
    expect(body.outcomes.map((o) => o.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(body.outcomes.filter((o) => o.deleted).map((o) => o.number)).toEqual([15]);
    const blocks = new Set(body.outcomes.map((o) => o.block.title));
    expect(blocks.size).toBe(3);
  });

  it("gives outcome 9 with Kent Police as lead and its primary countywide indicators", async () => {
    const { status, body } = await api.get<OutcomeView>("/api/agreements/kent-ka1/outcomes/9");
    expect(status).toBe(200);
    expect(body.partners.find((p) => p.role === "lead")?.organisation.name).toBe("Kent Police");
    expect(body.indicators.filter((i) => i.kind === "primary").length).toBeGreaterThanOrEqual(2);
    expect(body.lpsa2).toBe(true);
  });

  it("keeps the freedoms register with priorities and the three benefits", async () => {
    const { body } = await api.get<{ freedoms: FreedomView[] }>("/api/agreements/kent-ka1/freedoms");
    expect(body.freedoms.length).toBeGreaterThan(20);
    const camera = body.freedoms.find((f) => /Camera Partnership/i.test(f.problem ?? ""));
    expect(camera).toMatchObject({ priority: "essential", outcomes: [9] });
    expect(body.freedoms.some((f) => f.scope === "overarching")).toBe(true);
    // Every table that states its problem states benefits; outcome 16's states only the freedom sought.
    expect(body.freedoms.filter((f) => f.problem !== null).every((f) => f.benefitsToCommunity !== null || f.benefitsToPartners !== null)).toBe(true);
  });

  it("answers 400 for an outcome number that is not a number", async () => {
    const { status, body } = await api.get<ApiError>("/api/agreements/kent-ka1/outcomes/nine");
    expect(status).toBe(400);
    expect(body.error.field).toBe("number");
  });
});

describe("reference data", () => {
  it("lists Kent and its 12 districts with ONS codes", async () => {
    const { body } = await api.get<{ areas: { code: string; kind: string; parent: string | null }[] }>("/api/areas");
    const districts = body.areas.filter((a) => a.kind === "district");
    expect(districts).toHaveLength(12);
    expect(districts.every((d) => d.parent === "E10000016")).toBe(true);
    expect(body.areas.find((a) => a.code === "E07000114")).toBeDefined();
  });

  it("de-duplicates organisations: Kent Probation Service is one organisation", async () => {
    const { body } = await api.get<{ organisations: { name: string; aliases: string[]; statutory: boolean }[] }>("/api/organisations");
    const probation = body.organisations.filter((o) => /probation/i.test(o.name) || o.aliases.some((a) => /probation/i.test(a)));
    expect(probation).toHaveLength(1);
    expect(probation[0]?.statutory).toBe(true);
  });

  it("marks catalogue titles that are not known instead of inventing them", async () => {
    const { body } = await api.get<{ indicators: { code: string; titleStatus: string; usedIn: { agreement: string }[] }[] }>("/api/indicators?limit=500");
    expect(body.indicators.find((i) => i.code === "NI 47")?.usedIn.map((u) => u.agreement)).toEqual(["kent-ka2"]);
    expect(body.indicators.filter((i) => i.code.startsWith("NI ")).length).toBeGreaterThanOrEqual(59);
  });

  it("publishes an OpenAPI document listing the read routes", async () => {
    const { status, body } = await api.get<{ openapi: string; paths: Record<string, unknown> }>("/api/openapi.json");
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/api/agreements", "/api/agreements/{slug}", "/api/agreements/{slug}/position-summary"]));
  });
});
