/**
 * The indicator catalogue (issue 7 points 8 and 21, issue 8 point 4): read through the same
 * policy as the agreements, so an unpublished agreement's local indicator and uses stay out of
 * it; paged and filtered by the database; kept by managers, audited and versioned.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementDetailView, AgreementListView, CatalogueView, IndicatorDefinitionView } from "@accord/domain";
import { createUser, grantRole } from "../src/features/users/service.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
let ka2Viewer: Session;
const secret = "CONFIDENTIAL: benefit fraud referrals by ward";

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  const { db } = api.database;
  const password = "catalogue-test-password-7";
  const { user } = await createUser({ db, caller: "command-line", email: "ka2.viewer@kent.example", name: "KA2 viewer", password });
  await grantRole({ db, caller: "command-line", userId: user.id, grant: { role: "viewer", agreement: "kent-ka2" } });
  ka2Viewer = await signIn(api.app, "ka2.viewer@kent.example", password);
  // Kent Agreement 1 taken back into draft, holding a local indicator nobody outside may see.
  const ka1 = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka1" })).json<AgreementDetailView>();
  const unpublished = await send(api.app, manager, { method: "PATCH", url: "/api/agreements/kent-ka1", body: { published: false, version: ka1.version } });
  expect(unpublished.status).toBe(200);
  const added = await send(api.app, manager, {
    method: "POST",
    url: "/api/agreements/kent-ka1/indicators",
    body: { indicator: "KA1 1.C1", kind: "secondary", theme: "children-and-young-people", outcome: 1, localTitle: secret },
  });
  expect(added.status).toBe(201);
});
afterAll(async () => {
  await api?.close();
});

const catalogue = async (who: Session | null, query = "") => {
  const response = await send(api.app, who, { method: "GET", url: `/api/indicators${query}` });
  expect(response.status).toBe(200);
  return response.json<CatalogueView>();
};

describe("the public catalogue and unpublished agreements", () => {
  it("does not show an unpublished agreement's local indicator, or its uses, to the public", async () => {
    expect((await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka1" })).status).toBe(401);
    const everything = await catalogue(null, "?limit=500");
    expect(JSON.stringify(everything)).not.toContain("CONFIDENTIAL");
    expect(everything.indicators.flatMap((i) => i.usedIn.map((use) => use.agreement))).not.toContain("kent-ka1");
    expect(everything.indicators.some((i) => i.code.startsWith("KA1 "))).toBe(false);
    expect((await send(api.app, null, { method: "GET", url: "/api/indicators/ka1-1-c1" })).status).toBe(404);
    expect((await catalogue(null, "?q=CONFIDENTIAL")).total).toBe(0);
  });

  it("does not show it to someone whose only role is in another agreement", async () => {
    const seen = await catalogue(ka2Viewer, "?q=CONFIDENTIAL");
    expect(seen.total).toBe(0);
    expect((await send(api.app, ka2Viewer, { method: "GET", url: "/api/indicators/ka1-1-c1" })).status).toBe(404);
  });

  it("shows it to the agreement's manager, with its use", async () => {
    const seen = await catalogue(manager, "?q=CONFIDENTIAL");
    expect(seen.indicators.map((i) => [i.code, i.usedIn.map((use) => use.agreement)])).toEqual([["KA1 1.C1", ["kent-ka1"]]]);
  });

  it("does not name an unpublished predecessor from a published agreement", async () => {
    const ka2 = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2" })).json<AgreementDetailView>();
    expect(ka2.predecessor).toBeNull();
    const list = (await send(api.app, null, { method: "GET", url: "/api/agreements" })).json<AgreementListView>();
    expect(list.agreements.map((a) => [a.slug, a.predecessor])).toEqual([["kent-ka2", null]]);
    const asManager = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2" })).json<AgreementDetailView>();
    expect(asManager.predecessor?.slug).toBe("kent-ka1");
  });
});

describe("paging and filtering in the database", () => {
  it("answers one page with the total count of every match", async () => {
    const first = await catalogue(null, "?limit=10");
    expect(first.indicators).toHaveLength(10);
    expect(first.total).toBeGreaterThan(100);
    expect(first.indicators[0]?.code).toBe("NI 1");
    const second = await catalogue(null, "?limit=10&page=2");
    expect(second.page).toBe(2);
    expect(second.indicators.map((i) => i.code)).not.toContain(first.indicators[0]?.code);
    const all = await catalogue(null, "?limit=500");
    expect(all.indicators).toHaveLength(all.total);
    // NIs by number, so NI 9 comes before NI 10.
    const numbers = all.indicators.filter((i) => /^NI \d+$/.test(i.code)).map((i) => Number(i.code.slice(3)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const beyond = await catalogue(null, "?limit=10&page=999");
    expect(beyond.indicators).toEqual([]);
    expect(beyond.total).toBe(all.total);
  });

  it("searches code and title, with % taken literally, and filters by department", async () => {
    const killed = await catalogue(null, "?q=killed%20or%20seriously");
    expect(killed.indicators.map((i) => i.code)).toContain("NI 47");
    expect((await catalogue(null, "?q=%25%25%25")).total).toBe(0);
    const dwp = await catalogue(null, "?department=DWP&limit=500");
    expect(dwp.total).toBeGreaterThan(0);
    expect(dwp.indicators.every((i) => i.department === "DWP")).toBe(true);
    expect(dwp.departments).toContain("DWP");
  });

  it("refuses a bad page or limit naming the field", async () => {
    const bad = await send(api.app, null, { method: "GET", url: "/api/indicators?limit=0" });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { field: string } }>().error.field).toBe("limit");
    expect((await send(api.app, null, { method: "GET", url: "/api/indicators?page=x" })).status).toBe(400);
  });
});

describe("managers keep the catalogue", () => {
  it("adds an entry, audited, and refuses the same code twice", async () => {
    const body = { code: "NI 176", title: "Working age people with access to employment by public transport", polarity: "higher-is-better", department: "DfT", titleSource: "Test source" };
    const created = await send(api.app, manager, { method: "POST", url: "/api/indicators", body });
    expect(created.status).toBe(201);
    expect(created.json<IndicatorDefinitionView>()).toMatchObject({ key: "ni-176", polarity: "higher-is-better", version: 1 });
    const again = await send(api.app, manager, { method: "POST", url: "/api/indicators", body });
    expect(again.status).toBe(409);
    expect(again.json<{ error: { field: string } }>().error.field).toBe("code");
    expect((await send(api.app, ka2Viewer, { method: "POST", url: "/api/indicators", body: { ...body, code: "NI 177" } })).status).toBe(403);
    const history = await send(api.app, null, { method: "GET", url: "/api/indicators/ni-176/history" });
    expect(history.json<{ history: { action: string; actor: string }[] }>().history[0]).toMatchObject({ action: "catalogue.add" });
  });

  it("changes polarity and unit with the version read, and refuses a stale one with the current entry", async () => {
    const before = (await send(api.app, null, { method: "GET", url: "/api/indicators/ni-47" })).json<IndicatorDefinitionView>();
    const changed = await send(api.app, manager, { method: "PATCH", url: "/api/indicators/ni-47", body: { unit: "people", polarity: "lower-is-better", version: before.version } });
    expect(changed.status).toBe(200);
    expect(changed.json<IndicatorDefinitionView>()).toMatchObject({ unit: "people", polarity: "lower-is-better", version: before.version + 1 });
    const stale = await send(api.app, manager, { method: "PATCH", url: "/api/indicators/ni-47", body: { title: "Something else", version: before.version } });
    expect(stale.status).toBe(409);
    const after = (await send(api.app, null, { method: "GET", url: "/api/indicators/ni-47" })).json<IndicatorDefinitionView>();
    expect(after.title).toBe(before.title);
    const history = (await send(api.app, null, { method: "GET", url: "/api/indicators/ni-47/history" })).json<{ history: { action: string; before: { unit: string | null }; after: { unit: string } }[] }>();
    expect(history.history[0]).toMatchObject({ action: "catalogue.update", after: { unit: "people" } });
  });

  it("refuses an empty title naming the field, and a local source", async () => {
    const before = (await send(api.app, null, { method: "GET", url: "/api/indicators/ni-47" })).json<IndicatorDefinitionView>();
    const empty = await send(api.app, manager, { method: "PATCH", url: "/api/indicators/ni-47", body: { title: " ", version: before.version } });
    expect(empty.status).toBe(400);
    expect(empty.json<{ error: { field: string } }>().error.field).toBe("title");
    const local = await send(api.app, manager, { method: "POST", url: "/api/indicators", body: { code: "KA2 X1", title: "x", source: "local", titleSource: "x" } });
    expect(local.status).toBe(400);
    expect(local.json<{ error: { field: string } }>().error.field).toBe("source");
  });
});
