/**
 * Issue 8 point 1: each answer costs what it is. The statements the server sends are counted by
 * a logger on a connection to the real test database: an indicator, the position summary and the
 * permissions read their own rows only, never the whole agreement, and a read of an agreement
 * that has not changed since is one statement.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementDetailView, AgreementIndicatorPageView, PositionSummaryView } from "@accord/domain";
import * as schema from "../src/db/schema/index.js";
import { buildApp } from "../src/http/app.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";

let database: TestDatabase;
let pool: pg.Pool;
let app: FastifyInstance;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.env.DATABASE_URL, max: 4 });
  const db = drizzle(pool, { schema, logger: { logQuery: (query) => statements.push(query) } });
  app = await buildApp({ database: { db, kind: "postgres", location: "counted", close: () => pool.end(), migrate: async () => undefined }, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await pool?.end();
  await database?.destroy();
});

async function counted(url: string) {
  statements.length = 0;
  const response = await app.inject({ method: "GET", url });
  expect(response.statusCode, response.body).toBe(200);
  return { response, statements: [...statements] };
}

const wholeAgreementTables = ["\"freedoms\"", "\"deadlines\"", "\"outcome_partners\"", "\"freedom_outcomes\""];
const readsWholeAgreement = (sent: string[]) => sent.some((statement) => wholeAgreementTables.some((table) => statement.includes(`from ${table}`)));

describe("what each read costs", () => {
  it("builds one indicator from its own rows, in far fewer statements than the whole agreement, and the same answer", async () => {
    const whole = await counted("/api/agreements/kent-ka2");
    expect(readsWholeAgreement(whole.statements)).toBe(true);
    const indicator = await counted("/api/agreements/kent-ka2/indicators/ni-47");
    expect(readsWholeAgreement(indicator.statements)).toBe(false);
    expect(indicator.statements.length).toBeLessThan(whole.statements.length);
    const fromWhole = whole.response.json<AgreementDetailView>().themes.flatMap((theme) => theme.indicators).find((i) => i.key === "ni-47");
    const { agreement, ...page } = indicator.response.json<AgreementIndicatorPageView>();
    expect(page).toEqual(fromWhole);
    expect(agreement.shortName).toBe(whole.response.json<AgreementDetailView>().shortName);
    // NI 159 replaces NI 170: the link is found from NI 159's page alone.
    expect((await counted("/api/agreements/kent-ka2/indicators/ni-159")).response.json<AgreementIndicatorPageView>().replaces).toBe("NI 170");
  });

  it("works out the position summary from the indicators and the negotiation log only: three statements", async () => {
    const summary = await counted("/api/agreements/kent-ka2/position-summary?asAt=2008-05-30");
    expect(summary.statements).toHaveLength(3);
    expect(readsWholeAgreement(summary.statements)).toBe(false);
    expect(summary.response.json<PositionSummaryView>().byIndicator.length).toBeGreaterThan(30);
  });

  it("reads the permissions in four statements", async () => {
    const permissions = await counted("/api/agreements/kent-ka2/permissions");
    expect(permissions.statements).toHaveLength(4);
  });

  it("answers a read of an unchanged agreement, or of any part of it, with one statement", async () => {
    for (const url of ["/api/agreements/kent-ka2", "/api/agreements/kent-ka2/indicators/ni-47", "/api/agreements/kent-ka2/position-summary?asAt=2008-05-30", "/api/agreements/kent-ka2/outcomes"]) {
      await counted(url);
      expect((await counted(url)).statements, url).toHaveLength(1);
    }
  });
});
