/**
 * Issue 7 point 15: counts read as sentences, "1 primary indicator" and "0 primary indicators",
 * never "indicator(s)". The messages a manager meets are checked with one and with none, and
 * the source of the web app, the server and the domain is swept for "(s)" plurals.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/db/client.js";
import { loadDemo } from "../src/features/demo/load-demo.js";
import { submissionHeadings } from "../src/reports/submission.js";
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

interface Check {
  problems: { subject: string; rule: string; message: string }[];
}
const primaryProblems = async () =>
  (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka1/submission-check?asAt=2005-03-31" }))
    .json<Check>()
    .problems.filter((problem) => problem.rule === "primary-indicators");

describe("the pre-submission check counts in words", () => {
  it("says '0 primary indicators' and, once an outcome is down to one, '1 primary indicator'", async () => {
    expect((await primaryProblems()).find((problem) => problem.subject === "Outcome 7")?.message).toBe(
      "Outcome 7 has 0 primary indicators; each outcome needs at least 2.",
    );
    const outcome9 = (await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka1/outcomes/9" })).json<{
      indicators: { key: string; kind: string }[];
    }>();
    const primaries = outcome9.indicators.filter((indicator) => indicator.kind === "primary");
    expect(primaries.length).toBeGreaterThan(1);
    for (const indicator of primaries.slice(1)) {
      const removed = await send(api.app, manager, { method: "DELETE", url: `/api/agreements/kent-ka1/indicators/${indicator.key}` });
      expect(removed.status, indicator.key).toBe(204);
    }
    const messages = (await primaryProblems()).map((problem) => problem.message);
    expect(messages).toContain("Outcome 9 has 1 primary indicator; each outcome needs at least 2.");
    expect(messages.filter((message) => message.includes("(s)"))).toEqual([]);
  });
});

describe("loading data files with a broken reference", () => {
  it("says '1 unresolved reference', not 'reference(s)', and loads nothing", async () => {
    const folder = mkdtempSync(join(tmpdir(), "accord-plural-"));
    try {
      cpSync(join(repositoryRoot, "data"), folder, { recursive: true });
      const agreementFile = join(folder, "kent-ka2.yaml");
      const text = readFileSync(agreementFile, "utf8");
      // One partner no organisation answers to.
      writeFileSync(agreementFile, text.replace("- organisation: SEEDA", "- organisation: Nobody Of That Name"));
      await expect(loadDemo(api.database, folder)).rejects.toThrow(/^The data files have 1 unresolved reference; nothing was loaded$/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** Every source file of the product (not its tests): what users can be shown comes from these. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the product's words", () => {
  it("use no '(s)' plural in any string of the web app, the server or the domain, beyond the template's own headings", () => {
    // The submission template's headings are the seed appendix's, word for word ("Indicator(s), …").
    const documentWords = Object.values(submissionHeadings);
    const found: string[] = [];
    for (const folder of ["packages/web/src", "packages/server/src", "packages/domain/src"]) {
      for (const file of sourceFiles(join(repositoryRoot, folder))) {
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, index) => {
            const code = line.replace(/^\s*(\/\/|\*|\/\*).*$/, "").replace(/\/\/ .*$/, "");
            const literals = code.match(/"[^"]*"|`[^`]*`|'[^']*'|>[^<>{}]+</g) ?? [];
            for (const literal of literals) {
              if (!/\w\((?:s|es)\)/.test(literal)) continue;
              if (documentWords.some((heading) => literal.includes(heading))) continue;
              found.push(`${file.slice(repositoryRoot.length + 1)}:${index + 1}: ${literal}`);
            }
          });
      }
    }
    expect(found).toEqual([]);
  });
});
