/**
 * Issue 7 point 13: Kent Agreement 2 was negotiated in 2008, so read today its pages and files are
 * as at the latest entry in its negotiation log, not as at today (when nobody recorded anything).
 * The API, the submission check, the download without asAt and `accord export submission` without
 * --as-at all take that one date from the server.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Command } from "commander";
import { parse } from "csv-parse/sync";
import type { AgreementDetailView, AgreementIndicatorPageView, SubmissionCheckView } from "@accord/domain";
import { registerExportCommands } from "../src/cli/export.js";
import type { Database } from "../src/db/client.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";

let api: TestApp;
let latestEntry: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  api = await createTestApp();
  const agreement = (await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2" })).json<AgreementDetailView>();
  // The latest day in the agreement's own log, as the API gives it.
  latestEntry = agreement.themes
    .flatMap((theme) => [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)])
    .flatMap((indicator) => indicator.statusHistory.map((entry) => entry.asAt))
    .sort()
    .at(-1) ?? "";
});
afterAll(async () => {
  await api?.close();
});

describe("an agreement's default as-at date", () => {
  it("is the day of the latest negotiation entry, 1 May 2008 for Kent Agreement 2, on the agreement and its indicators", async () => {
    expect(latestEntry).toBe("2008-05-01");
    const agreement = (await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2" })).json<AgreementDetailView>();
    expect(agreement.defaultAsAt).toBe(latestEntry);
    const indicator = (await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47" })).json<AgreementIndicatorPageView>();
    expect(indicator.agreement.defaultAsAt).toBe(latestEntry);
  });

  it("dates the pre-submission check without asAt on that day", async () => {
    const check = (await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission-check" })).json<SubmissionCheckView>();
    expect(check.asAt).toBe(latestEntry);
  });

  it("downloads the submission without asAt as at 1 May 2008, not as at today", async () => {
    const csv = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=csv" });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="kent-ka2-submission-${latestEntry}.csv"`);
    const [header] = parse(csv.rawPayload, { bom: true }) as string[][];
    expect(header?.at(-1)).toBe("Negotiation status as at 1 May 2008");
    const html = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=html" });
    expect(html.body).toContain("Kent Agreement 2 — submission template as at 1 May 2008");
    expect(html.body).not.toContain(`as at ${new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${today}T00:00:00Z`))}`);
  });

  it("still takes a chosen date, and refuses a date that is not one, naming asAt", async () => {
    const chosen = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=csv&asAt=2008-05-20" });
    expect(chosen.headers["content-disposition"]).toContain("kent-ka2-submission-2008-05-20.csv");
    const bad = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=csv&asAt=2008-02-30" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { field: string } }>().error.field).toBe("asAt");
  });

  it("is what accord export submission writes without --as-at", async () => {
    const folder = mkdtempSync(join(tmpdir(), "accord-as-at-"));
    try {
      const printed: string[] = [];
      const withDatabase = async <T>(work: (db: Database) => Promise<T>): Promise<T> => work(api.database);
      const program = new Command().name("accord").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
      registerExportCommands(program, withDatabase, (text) => printed.push(text));
      const out = join(folder, "ka2.csv");
      await program.parseAsync(["export", "submission", "--agreement", "kent-ka2", "--format", "csv", "--out", out], { from: "user" });
      expect(printed.join("\n")).toContain(`Wrote kent-ka2-submission-${latestEntry} (csv`);
      const [header] = parse(readFileSync(out), { bom: true }) as string[][];
      expect(header?.at(-1)).toBe("Negotiation status as at 1 May 2008");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
