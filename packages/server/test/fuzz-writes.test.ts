/**
 * Every write route, fed malformed bodies (wrong types, huge strings, unknown fields, bad dates,
 * bodies that are not objects), answers 4xx with a message naming the field — never 5xx — and
 * the database is exactly as it was.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import { queryRows } from "./support/sql.js";
import type { TestApp } from "./support/app.js";
import { routeRequests } from "./support/route-requests.js";
import type { MatrixContext } from "./support/route-requests.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
const context: MatrixContext = { userId: 1, grantInOurAgreement: 1, grantElsewhere: 2, newEmail: () => "fuzz@kent.example" };

const tables = [
  "agreements", "agreement_indicators", "baselines", "pending_baselines", "targets", "negotiation_status_history", "partner_sign_ups",
  "comments", "local_action_plans", "users", "role_grants", "api_tokens", "audit_events", "organisations", "settings",
];

async function snapshot(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await queryRows(api.database.db, sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from ${table} x`));
    result[table] = String(row?.digest ?? "");
  }
  return result;
}

const huge = "x".repeat(100_000);
const wrongValues: unknown[] = [12345, true, [], {}, null, huge];
/** Strings that are wrong only where a date, a financial year or an exact number is expected. */
const formatted = /^(\d{4}-\d{2}-\d{2}|\d{4}\/\d{2}|-?\d+(\.\d+)?)$/;
const wrongFormats = ["2008-13-45", "2008/10", "-1e999", "12,5"];

/** Text PostgreSQL cannot store: a NUL character, and lone halves of a UTF-16 surrogate pair. */
const unstorable = ["a\u0000b", "\ud800", "x\udfffy"];

/** The body with the string at `path` replaced, for every string anywhere in it. */
function withEachString(value: unknown, replace: (path: string[]) => unknown, path: string[] = []): { path: string[]; body: unknown }[] {
  if (typeof value === "string") return [{ path, body: replace(path) }];
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : value && typeof value === "object" ? Object.entries(value) : [];
  return entries.flatMap(([key, item]) =>
    withEachString(item, replace, [...path, key]).map((variant) => ({
      path: variant.path,
      body: Array.isArray(value) ? value.map((other, index) => (String(index) === key ? variant.body : other)) : { ...(value as object), [key]: variant.body },
    })),
  );
}

interface Variant {
  label: string;
  body: unknown;
  /** The field the refusal must name, where it is certain. */
  field?: string;
}

/** Malformed variants of a valid body, each with a label for the report. */
function malformed(body: Record<string, unknown>): Variant[] {
  const variants: Variant[] = [
    { label: "an unknown field", body: { ...body, unexpectedField: "surprise" } },
    { label: "an array instead of an object", body: [body] },
    { label: "a number instead of an object", body: 42 },
    // An empty object is malformed only where something is required.
    ...(Object.keys(body).length > 0 ? [{ label: "an empty object", body: {} }] : []),
  ];
  for (const [field, value] of Object.entries(body)) {
    const candidates = typeof value === "string" && formatted.test(value) ? [...wrongValues, ...wrongFormats] : wrongValues;
    for (const wrong of candidates) {
      // An empty list where a list is expected is not malformed.
      if (JSON.stringify(wrong) === JSON.stringify(value) || (Array.isArray(wrong) && Array.isArray(value))) continue;
      variants.push({ label: `${field} = ${JSON.stringify(wrong).slice(0, 20)}`, body: { ...body, [field]: wrong } });
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const inner of Object.keys(value)) {
        variants.push({ label: `${field}.${inner} = "abc"`, body: { ...body, [field]: { ...(value as Record<string, unknown>), [inner]: "abc" } } });
      }
    }
  }
  for (const text of unstorable) {
    for (const variant of withEachString(body, () => text)) {
      const field = variant.path.join(".");
      variants.push({ label: `${field} = ${JSON.stringify(text)}`, body: variant.body, field });
    }
  }
  return variants;
}

const writes = Object.entries(routeRequests).flatMap(([route, requests]) => {
  const entry = requests.find((candidate) => candidate.allowed.includes("manager") && candidate.scope !== "elsewhere") ?? requests[0];
  const sample = entry?.request(context);
  if (!sample || sample.method === "GET" || sample.body === undefined) return [];
  return [{ route, sample }];
});

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

describe("malformed input to every write route", () => {
  it("covers every route that takes a body", () => {
    expect(writes.map((w) => w.route)).toEqual(
      expect.arrayContaining(["PUT /api/agreements/:slug/indicators/:key/targets", "POST /api/users", "PUT /api/agreements/:slug/districts/:code/local-action-plan"]),
    );
  });

  it.each(writes)("$route refuses malformed bodies with a field-level 4xx and changes nothing", async ({ sample }) => {
    const before = await snapshot();
    const problems: string[] = [];
    for (const variant of malformed(sample.body as Record<string, unknown>)) {
      const response = await send(api.app, manager, { method: sample.method, url: sample.url, body: variant.body });
      const error = (response.body as { error?: { message?: string; field?: string } } | null)?.error;
      if (response.status < 400 || response.status >= 500) problems.push(`${variant.label}: ${response.status}`);
      else if (!error?.message) problems.push(`${variant.label}: ${response.status} without a message`);
      else if (response.status === 400 && !error.field) problems.push(`${variant.label}: 400 without a field (${error.message})`);
      else if (variant.field !== undefined && (response.status !== 400 || error.field !== variant.field)) {
        problems.push(`${variant.label}: ${response.status} naming ${error.field ?? "no field"} instead of ${variant.field}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  // A URL is UTF-8, so a lone surrogate cannot be written in one (%ED%A0%80 decodes to U+FFFD);
  // a NUL can.
  it("refuses a NUL in a path parameter or a query string with a 400 naming it", async () => {
    const encoded = "a%00b";
    const requests = [
      { url: `/api/agreements/kent-ka2/position-summary?asAt=${encoded}`, field: "asAt" },
      { url: `/api/agreements/kent-ka2/submission-check?asAt=2008-05-01&extra=${encoded}`, field: "extra" },
      { url: `/api/agreements/kent-ka2/indicators/${encoded}/comments`, field: "key" },
    ];
    for (const { url, field } of requests) {
      const response = await send(api.app, manager, { method: "GET", url });
      expect(response.status, url).toBe(400);
      expect((response.body as { error: { field?: string } }).error.field, url).toBe(field);
    }
    const comment = await send(api.app, manager, { method: "POST", url: `/api/agreements/kent-ka2/indicators/ni-47/comments?note=${encoded}`, body: { body: "fine" } });
    expect(comment.status).toBe(400);
  });

  it("refuses a body over the size limit with 413", async () => {
    const response = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/indicators/ni-47/comments", body: { body: "x".repeat(2_000_000) } });
    expect(response.status).toBe(413);
  });
});
