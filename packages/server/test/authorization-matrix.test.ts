/**
 * Every route × every role (and anonymous) × a resource in and out of the role's scope, with the
 * expected allow or deny — generated from the app's route table, so a new route without an
 * entry in support/route-requests.ts fails here.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../src/db/schema/index.js";
import { createUser, grantRole } from "../src/features/users/service.js";
import type { GrantBody } from "../src/features/users/schema.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { everyone, routeRequests } from "./support/route-requests.js";
import type { MatrixContext, Who } from "./support/route-requests.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
const sessions = new Map<Who, Session | null>();
let context: MatrixContext;
/** For telling writes from reads when the cases are listed, before any database exists. */
const quietContext: MatrixContext = { userId: 0, grantInOurAgreement: 0, grantElsewhere: 0, newEmail: () => "listing@kent.example" };

/**
 * Where the body names what the person acts on (which organisation, which agreement, a proposal
 * or a counter-proposal), someone who holds the right kind of role is refused only once the body
 * is read.
 */
function decidedByBody(route: string, scope: string, who: Who): boolean {
  if (route === "POST /api/agreements/:slug/indicators/:key/negotiation") return true;
  if (route === "POST /api/agreements/:slug/indicators/:key/sign-ups" || route === "POST /api/agreements/:slug/sign-ups") return who === "partner" && scope !== "elsewhere";
  if (route === "POST /api/users/:userId/grants") return who === "manager";
  // Which district a value is for is in the body: an LSP coordinator is refused another district's once it is read.
  if (route === "POST /api/agreements/:slug/indicators/:key/observations") return who === "lsp" && scope !== "elsewhere";
  return false;
}

// Each role scoped to Kent Agreement 2 only; Kent Agreement 1 is the agreement where nobody here has a role.
const matrixUsers: { who: Who; grant: GrantBody }[] = [
  { who: "manager", grant: { role: "manager", agreement: "kent-ka2" } },
  { who: "officer", grant: { role: "officer", agreement: "kent-ka2", indicator: "ni-47" } },
  { who: "partner", grant: { role: "partner", agreement: "kent-ka2", organisation: "kent-police" } },
  { who: "government", grant: { role: "government", agreement: "kent-ka2" } },
  { who: "lsp", grant: { role: "lsp", agreement: "kent-ka2", district: "E07000114" } },
  { who: "viewer", grant: { role: "viewer", agreement: "kent-ka2" } },
];
const password = "matrix-password-1";

async function signInAs(who: Who): Promise<Session | null> {
  return who === "anonymous" ? null : signIn(api.app, `matrix.${who}@kent.example`, password);
}

beforeAll(async () => {
  api = await createTestApp();
  const { db } = api.database;
  await db.update(t.agreements).set({ published: false }).where(eq(t.agreements.slug, "kent-ka1"));
  for (const { who, grant } of matrixUsers) {
    const { user } = await createUser({ db, caller: "command-line", email: `matrix.${who}@kent.example`, name: `Matrix ${who}`, password });
    await grantRole({ db, caller: "command-line", userId: user.id, grant });
  }
  const { user: subject } = await createUser({ db, caller: "command-line", email: "matrix.subject@kent.example", name: "Matrix subject", password });
  const inOurs = await grantRole({ db, caller: "command-line", userId: subject.id, grant: { role: "viewer", agreement: "kent-ka2" } });
  const elsewhere = await grantRole({ db, caller: "command-line", userId: subject.id, grant: { role: "viewer", agreement: "kent-ka1" } });
  let emails = 0;
  context = {
    userId: subject.id,
    grantInOurAgreement: inOurs.grants[0]?.id ?? 0,
    grantElsewhere: elsewhere.grants[1]?.id ?? 0,
    newEmail: () => `invited.${(emails += 1)}@kent.example`,
  };
  for (const who of everyone) sessions.set(who, await signInAs(who));
});
afterAll(async () => {
  await api?.close();
});

describe("the authorisation matrix", () => {
  it("has an entry for every route the server serves", () => {
    const served = api.app.routeTable.map((route) => `${route.method} ${route.url}`);
    const missing = served.filter((route) => !(route in routeRequests));
    expect(missing, `routes without an entry in test/support/route-requests.ts: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(routeRequests).filter((route) => !served.includes(route));
    expect(stale).toEqual([]);
  });

  const cases = Object.entries(routeRequests).flatMap(([route, requests]) =>
    requests.map((entry) => ({ route, entry, label: `${route} [${entry.scope}]` })),
  );

  it.each(cases)("$label allows exactly the expected roles", async ({ entry }) => {
    // Refusals first: an allowed write may change what a later request finds.
    const order = [...everyone].sort((a, b) => Number(entry.allowed.includes(a)) - Number(entry.allowed.includes(b)));
    const outcome: string[] = [];
    for (const who of order) {
      const request = entry.request(context);
      const response = await send(api.app, sessions.get(who) ?? null, request);
      const expected = entry.allowed.includes(who);
      const refused = response.status === 401 || response.status === 403;
      if (response.status >= 500) outcome.push(`${who}: server error ${response.status}`);
      else if (expected && refused) outcome.push(`${who}: refused (${response.status}) but should be allowed`);
      else if (!expected && !refused) outcome.push(`${who}: allowed (${response.status}) but should be refused`);
      else if (!expected && response.status !== (who === "anonymous" ? 401 : 403)) outcome.push(`${who}: refused with ${response.status}`);
      else if (!expected) {
        const message = (response.body as { error?: { message?: string } }).error?.message ?? "";
        if (message.length === 0) outcome.push(`${who}: refused without a reason`);
      }
      if (request.method === "DELETE" && request.url === "/api/session") sessions.set(who, await signInAs(who));
    }
    expect(outcome).toEqual([]);
  });

  // Refusals that need no body come before the body is looked at: an empty or unreadable body
  // from someone who may not write here is a 401 or 403, not a 400 about the body.
  const writes = cases.filter(({ entry }) => entry.request(quietContext).method !== "GET");
  const badBodies: { label: string; payload: string }[] = [
    { label: "an empty object", payload: "{}" },
    { label: "a body that is not JSON", payload: "{not json" },
  ];

  it.each(writes)("$label refuses an anonymous empty or unreadable body with 401", async ({ route, entry }) => {
    const access = api.app.routeTable.find((r) => `${r.method} ${r.url}` === route)?.access;
    const request = entry.request(context);
    const outcome: string[] = [];
    for (const { label, payload } of badBodies) {
      const response = await api.app.inject({ method: request.method as "POST", url: request.url, payload, headers: { "content-type": "application/json" } });
      const expected = access === "public" ? [200, 204, 400] : [401];
      if (!expected.includes(response.statusCode)) outcome.push(`${label}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(outcome).toEqual([]);
  });

  it.each(writes)("$label refuses the signed-in people it refuses with 403 before reading their body", async ({ route, entry }) => {
    const request = entry.request(context);
    const outcome: string[] = [];
    for (const who of everyone.filter((w) => w !== "anonymous" && !entry.allowed.includes(w))) {
      if (decidedByBody(route, entry.scope, who)) continue;
      const session = sessions.get(who);
      if (!session) continue;
      const response = await api.app.inject({
        method: request.method as "POST",
        url: request.url,
        payload: "{}",
        headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrfToken },
      });
      if (response.statusCode !== 403) outcome.push(`${who}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(outcome).toEqual([]);
  });

  it("lists only the agreements a visitor may read", async () => {
    const anonymous = await send(api.app, null, { method: "GET", url: "/api/agreements" });
    expect(anonymous.json<{ agreements: { slug: string }[] }>().agreements.map((a) => a.slug)).toEqual(["kent-ka2"]);
  });
});
