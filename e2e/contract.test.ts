/**
 * The server's JSON against the shared contract (packages/domain/src/api.ts), endpoint by
 * endpoint, so a drift shows up here with the field path rather than as a broken page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  AgreementDetailView,
  AgreementIndicatorPageView,
  AgreementListView,
  ApiError,
  AreaListView,
  CatalogueView,
  FreedomListView,
  IndicatorListView,
  OrganisationListView,
  OutcomeListView,
  OutcomeView,
} from "@accord/domain";
import {
  CommentListView,
  HistoryView,
  BulletinListView,
  BulletinView,
  LocalActionPlanView,
  NegotiationOverviewView,
  NegotiationThreadView,
  PermissionsView,
  SignUpMatrixView,
  SubmissionCheckView,
  SessionOptionsView,
  SessionView,
  UserListView,
} from "../packages/web/src/api/contracts.js";
import { demoAccounts, demoPassword } from "./support/session.js";
import { startServer, type RunningServer } from "./support/server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}${path}`);
  return { status: response.status, body: await response.json() };
}

function problems(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.slice(0, 20).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

const endpoints: { path: string; schema: z.ZodType }[] = [
  { path: "/api/agreements", schema: AgreementListView },
  { path: "/api/agreements/kent-ka2", schema: AgreementDetailView },
  { path: "/api/agreements/kent-ka1", schema: AgreementDetailView },
  { path: "/api/agreements/kent-ka2/indicators", schema: IndicatorListView },
  { path: "/api/agreements/kent-ka2/indicators?theme=economic-success&status=under-discussion&partner=kent-county-council&kind=designated", schema: IndicatorListView },
  { path: "/api/agreements/kent-ka2/indicators/ni-47", schema: AgreementIndicatorPageView },
  { path: "/api/agreements/kent-ka1/outcomes", schema: OutcomeListView },
  { path: "/api/agreements/kent-ka1/outcomes/9", schema: OutcomeView },
  { path: "/api/agreements/kent-ka1/outcomes/15", schema: OutcomeView },
  { path: "/api/agreements/kent-ka1/freedoms", schema: FreedomListView },
  { path: "/api/indicators", schema: CatalogueView },
  { path: "/api/organisations", schema: OrganisationListView },
  { path: "/api/areas", schema: AreaListView },
  { path: "/api/agreements/kent-ka2/indicators/ni-47/negotiation", schema: NegotiationThreadView },
  { path: "/api/agreements/kent-ka2/negotiation", schema: NegotiationOverviewView },
  { path: "/api/agreements/kent-ka2/sign-up-matrix", schema: SignUpMatrixView },
  { path: "/api/agreements/kent-ka2/submission-check", schema: SubmissionCheckView },
];

describe("API responses match @accord/domain's api.ts", () => {
  for (const { path, schema } of endpoints) {
    it(`GET ${path}`, async () => {
      const { status, body } = await getJson(path);
      expect(status).toBe(200);
      expect(problems(schema, body)).toEqual([]);
    });
  }

  it("GET position-summary has the counts the agreement page reads", async () => {
    const { status, body } = await getJson("/api/agreements/kent-ka2/position-summary?asAt=2008-05-01");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      asAt: "2008-05-01",
      agreedWithGovernmentOffice: 2,
      underDiscussion: 23,
      afterDeadline: 10,
      total: 35,
      statutoryToBeAgreed: 16,
    });
  });

  it("answers a bad date with 400 and an error naming the field", async () => {
    const { status, body } = await getJson("/api/agreements/kent-ka2/position-summary?asAt=2008-02-30");
    expect(status).toBe(400);
    expect(problems(ApiError, body)).toEqual([]);
    expect(body).toMatchObject({ error: { field: "asAt" } });
  });

  it("answers an unknown agreement, indicator and outcome with 404 and an error body", async () => {
    for (const path of ["/api/agreements/no-such", "/api/agreements/kent-ka2/indicators/ni-999", "/api/agreements/kent-ka1/outcomes/99"]) {
      const { status, body } = await getJson(path);
      expect(status, path).toBe(404);
      expect(problems(ApiError, body), path).toEqual([]);
    }
  });

  it("serves the web app for non-API paths (index.html fallback)", async () => {
    const response = await fetch(`${server.baseUrl}/agreements/kent-ka2/indicators/ni-47`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain('<div id="root">');
  });
});

/** Signs in with fetch and answers the cookie to send back (Node's fetch keeps no cookie jar). */
async function signIn(email: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${server.baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().map((header) => header.split(";")[0]).join("; ");
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken };
}

describe("the account endpoints match the web app's contracts (packages/web/src/api/contracts.ts)", () => {
  it("GET /api/session/options and GET /api/session signed out", async () => {
    const options = await getJson("/api/session/options");
    expect(problems(SessionOptionsView, options.body)).toEqual([]);
    const session = await getJson("/api/session");
    expect(problems(SessionView, session.body)).toEqual([]);
    expect(session.body).toMatchObject({ user: null, csrfToken: null });
  });

  const signedInEndpoints: { path: string; schema: z.ZodType; as: keyof typeof demoAccounts }[] = [
    { path: "/api/session", schema: SessionView, as: "officer" },
    { path: "/api/agreements/kent-ka2/permissions", schema: PermissionsView, as: "officer" },
    { path: "/api/agreements/kent-ka2/indicators/ni-47/history", schema: HistoryView, as: "officer" },
    { path: "/api/agreements/kent-ka2/indicators/ni-47/comments", schema: CommentListView, as: "viewer" },
    { path: "/api/agreements/kent-ka2/history", schema: HistoryView, as: "manager" },
    { path: "/api/users", schema: UserListView, as: "manager" },
    { path: "/api/agreements/kent-ka2/bulletins", schema: BulletinListView, as: "manager" },
    { path: "/api/agreements/kent-ka2/bulletins/draft", schema: BulletinView, as: "manager" },
    { path: "/api/agreements/kent-ka2/districts/E07000114/local-action-plan", schema: LocalActionPlanView, as: "lsp" },
  ];
  for (const { path, schema, as } of signedInEndpoints) {
    it(`GET ${path} as the ${as}`, async () => {
      const { cookie } = await signIn(demoAccounts[as].email);
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(problems(schema, await response.json())).toEqual([]);
    });
  }

  it("refuses a write without the session's CSRF token, and accepts it with the token", async () => {
    const { cookie, csrfToken } = await signIn(demoAccounts.viewer.email);
    const post = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/api/agreements/kent-ka2/indicators/ni-47/comments`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ body: "Checked against the contract." }),
      });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { field: "X-CSRF-Token" } });
    expect((await post({ "x-csrf-token": csrfToken })).status).toBe(201);
  });
});
