import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { createTestApp } from "../support/app.js";
import type { TestApp } from "../support/app.js";
import { runAccord } from "../support/cli.js";
import { createTestDatabase } from "../support/database.js";

let api: TestApp;
beforeAll(async () => {
  api = await createTestApp();
});
afterAll(async () => {
  await api?.close();
});

describe("GET /api/agreements/:slug/submission", () => {
  it("downloads the submission template as a spreadsheet-safe CSV attachment", async () => {
    const response = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=csv&asAt=2008-05-01" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe('attachment; filename="kent-ka2-submission-2008-05-01.csv"');
    const rows = parse(response.rawPayload, { bom: true }) as string[][];
    const ni47 = rows.find((row) => row.some((cell) => cell.startsWith("NI 47")));
    expect(ni47?.join(" ")).toMatch(/1183/);
    expect(ni47?.join(" ")).toMatch(/Kent County Council\*/);
  });

  it("serves the printable page with a policy that allows its own styles and no scripts", async () => {
    const response = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=html&asAt=2008-05-01" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-security-policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
    expect(response.body).toMatch(/NI 47/);
    // A way back into the app from the page it opened (hidden when printed).
    expect(response.body).toContain('<a href="/agreements/kent-ka2/submission">Back to the submission page of Kent Agreement 2</a>');
  });

  it("answers 400 naming format for a format it does not write", async () => {
    const response = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=odt" });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { field: string } }>().error.field).toBe("format");
  });
});

describe("npx accord export submission (the real command)", () => {
  it("writes a DOCX file for kent-ka2", async () => {
    const database = await createTestDatabase();
    await database.close();
    const folder = mkdtempSync(join(tmpdir(), "accord-export-"));
    try {
      const out = join(folder, "ka2.docx");
      const result = await runAccord(["export", "submission", "--agreement", "kent-ka2", "--format", "docx", "--out", out], database.env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      // A DOCX is a zip whose first entry is [Content_Types].xml.
      const bytes = readFileSync(out);
      expect(bytes.subarray(0, 2).toString()).toBe("PK");
      expect(bytes.length).toBeGreaterThan(10_000);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await database.destroy();
    }
  });
});
