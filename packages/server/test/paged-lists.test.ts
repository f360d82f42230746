/**
 * Long lists come a page at a time, worked out by the database (issue 8 point 4): an indicator's
 * history after many changes, and the organisations, searched by name or alias.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let officer: Session;
beforeAll(async () => {
  api = await createTestApp();
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

interface HistoryPage {
  history: { id: number; action: string; after: { body?: string } | null }[];
  page: number;
  limit: number;
  total: number;
}

const historyUrl = "/api/agreements/kent-ka2/indicators/ni-47/history";

describe("an indicator's history", () => {
  it("comes newest first a page at a time, with the total, and the pages together hold every change once", async () => {
    for (let n = 1; n <= 25; n += 1) {
      const comment = await send(api.app, officer, {
        method: "POST",
        url: "/api/agreements/kent-ka2/indicators/ni-47/comments",
        body: { body: `Board note ${n}` },
      });
      expect(comment.status).toBe(201);
    }
    const first = (await send(api.app, officer, { method: "GET", url: `${historyUrl}?limit=10` })).json<HistoryPage>();
    expect(first).toMatchObject({ page: 1, limit: 10 });
    expect(first.total).toBeGreaterThanOrEqual(25);
    expect(first.history).toHaveLength(10);
    expect(first.history[0]?.after?.body).toBe("Board note 25");

    const pages = Math.ceil(first.total / 10);
    const ids: number[] = [];
    for (let page = 1; page <= pages; page += 1) {
      const answer = (await send(api.app, officer, { method: "GET", url: `${historyUrl}?limit=10&page=${page}` })).json<HistoryPage>();
      ids.push(...answer.history.map((entry) => entry.id));
    }
    expect(ids).toHaveLength(first.total);
    expect(new Set(ids).size).toBe(first.total);
    const beyond = (await send(api.app, officer, { method: "GET", url: `${historyUrl}?page=${pages + 1}&limit=10` })).json<HistoryPage>();
    expect(beyond.history).toEqual([]);
  });

  it("refuses a page or limit that is not a whole number in range, naming it", async () => {
    for (const [query, field] of [["page=0", "page"], ["limit=501", "limit"], ["limit=ten", "limit"]] as const) {
      const answer = await send(api.app, officer, { method: "GET", url: `${historyUrl}?${query}` });
      expect(answer.status, query).toBe(400);
      expect(answer.json<{ error: { field: string } }>().error.field, query).toBe(field);
    }
  });
});

interface OrganisationPage {
  organisations: { slug: string; name: string; aliases: string[] }[];
  page: number;
  limit: number;
  total: number;
}

describe("the organisations", () => {
  it("come a page at a time in name order, and pages do not overlap", async () => {
    const all = (await api.get<OrganisationPage>("/api/organisations?limit=500")).body;
    expect(all.total).toBe(all.organisations.length);
    expect(all.total).toBeGreaterThan(20);
    const first = (await api.get<OrganisationPage>("/api/organisations?limit=10")).body;
    const second = (await api.get<OrganisationPage>("/api/organisations?limit=10&page=2")).body;
    expect(first.organisations.map((o) => o.slug)).toEqual(all.organisations.slice(0, 10).map((o) => o.slug));
    expect(second.organisations.map((o) => o.slug)).toEqual(all.organisations.slice(10, 20).map((o) => o.slug));
    expect(first.total).toBe(all.total);
  });

  it("are searched by name or alias, with a search's own % taken literally", async () => {
    const police = (await api.get<OrganisationPage>("/api/organisations?q=police")).body;
    expect(police.organisations.map((o) => o.name)).toContain("Kent Police");
    expect(police.total).toBe(police.organisations.length);
    for (const organisation of police.organisations) {
      expect(`${organisation.name} ${organisation.slug} ${organisation.aliases.join(" ")}`.toLowerCase()).toContain("police");
    }
    const byAlias = (await api.get<OrganisationPage>("/api/organisations?q=Probation")).body;
    expect(byAlias.total).toBeGreaterThan(0);
    expect((await api.get<OrganisationPage>("/api/organisations?q=%25")).body.total).toBe(0);
  });
});
