import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { runAccord } from "./support/cli.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // The child process opens the same database; PGlite allows one process at a time.
  await database.close();
});
afterAll(async () => {
  await database?.destroy();
});

describe("accord position-summary", () => {
  it("prints the seed's table as at 01/05/08 as JSON", async () => {
    const result = await runAccord(["position-summary", "--agreement", "kent-ka2", "--as-at", "2008-05-01", "--json"], database.env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(
      '{"agreement":"kent-ka2","asAt":"2008-05-01","agreedWithGovernmentOffice":2,"underDiscussion":23,"afterDeadline":10,"total":35,"statutoryToBeAgreed":16',
    )).toBe(true);
  });

  it("refuses a date that is not a date, naming the option, and exits non-zero", async () => {
    const result = await runAccord(["position-summary", "--agreement", "kent-ka2", "--as-at", "1 May 2008"], database.env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--as-at/);
  });

  it("says so when the agreement does not exist", async () => {
    const result = await runAccord(["position-summary", "--agreement", "kent-ka7", "--as-at", "2008-05-01"], database.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Agreement "kent-ka7" was not found/);
  });
});

describe("accord agreements and seed", () => {
  it("lists both agreements as JSON", async () => {
    const result = await runAccord(["agreements", "--json"], database.env);
    expect(result.code).toBe(0);
    const agreements = JSON.parse(result.stdout) as { slug: string }[];
    expect(agreements.map((a) => a.slug)).toEqual(["kent-ka1", "kent-ka2"]);
  });

  it("seeds the demo again without duplicating anything", async () => {
    const result = await runAccord(["seed", "--demo"], database.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/already present: kent-ka1, kent-ka2/);
    const after = JSON.parse((await runAccord(["agreements", "--json"], database.env)).stdout) as { indicatorCounts: { designated: number } }[];
    expect(after.map((a) => a.indicatorCounts.designated)).toEqual([0, 35]);
  });
});

describe("accord bulletin", () => {
  it("prints the next bulletin as plain text ready to e-mail", async () => {
    const result = await runAccord(["bulletin", "--agreement", "kent-ka2"], database.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Kent Agreement 2 — bulletin 1 \(draft\)/);
    expect(result.stdout).toMatch(/Submission to GOSE: 30 May 2008\. Still open: 23 \(NI 163, /);
  });

  it("refuses a --since that is not a date", async () => {
    const result = await runAccord(["bulletin", "--agreement", "kent-ka2", "--since", "last week"], database.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--since must be a date/);
  });
});
