/**
 * For every API route: requests on a resource in the test users' scope ("ours"), on another
 * resource in the same agreement ("other"), and on an agreement where nobody has a role
 * ("elsewhere": Kent Agreement 1, unpublished for these tests), with who may make each.
 * The authorisation matrix and the fuzzing tests are generated from this table.
 */
import type { Role } from "../../src/policy/authorize.js";

export type Who = Role | "anonymous";
export const everyone: Who[] = ["anonymous", "manager", "officer", "partner", "government", "lsp", "viewer"];
const signedIn: Who[] = ["manager", "officer", "partner", "government", "lsp", "viewer"];

export interface MatrixContext {
  /** A user the manager can see and grant roles to. */
  userId: number;
  grantInOurAgreement: number;
  grantElsewhere: number;
  /** A fresh e-mail address per call. */
  newEmail(): string;
}

export interface RouteRequest {
  scope: "ours" | "other" | "elsewhere" | "none";
  request: (context: MatrixContext) => { method: string; url: string; body?: unknown };
  allowed: Who[];
}

const ka2 = "/api/agreements/kent-ka2";
const ka1 = "/api/agreements/kent-ka1";

/** Reads and writes that exist on KA2 and, identically, on KA1 where nobody in the test has a role. */
function onAgreements(method: string, path: string, ours: Who[], other: { path: string; allowed: Who[] } | null, body?: unknown, elsewherePath?: string): RouteRequest[] {
  const make = (prefix: string, p: string) => () => ({ method, url: `${prefix}${p}`, ...(body !== undefined ? { body } : {}) });
  return [
    { scope: "ours", request: make(ka2, path), allowed: ours },
    ...(other ? [{ scope: "other" as const, request: make(ka2, other.path), allowed: other.allowed }] : []),
    { scope: "elsewhere", request: make(ka1, elsewherePath ?? path), allowed: [] },
  ];
}

const readKa2 = (path: string, elsewherePath?: string): RouteRequest[] =>
  // A published agreement is readable by anyone; KA1 is unpublished here and nobody has a role in it.
  [
    { scope: "ours", request: () => ({ method: "GET", url: `${ka2}${path}` }), allowed: everyone },
    { scope: "elsewhere", request: () => ({ method: "GET", url: `${ka1}${elsewherePath ?? path}` }), allowed: [] },
  ];

const target = { year: "2009/10", target: { form: "absolute", value: "700" }, written: "Proposed at 700" };
const observation = (area: string) => ({ period: "2011/12 H2", area, value: "40" });
const baseline = { value: "1183", written: "1183 killed or seriously injured", component: "all" };

export const routeRequests: Record<string, RouteRequest[]> = {
  "GET /api/agreements": [{ scope: "none", request: () => ({ method: "GET", url: "/api/agreements" }), allowed: everyone }],
  "GET /api/agreements/:slug": readKa2(""),
  "GET /api/agreements/:slug/indicators": readKa2("/indicators"),
  "GET /api/agreements/:slug/indicators/:key": readKa2("/indicators/ni-47", "/indicators/ka1-9-1"),
  "GET /api/agreements/:slug/outcomes": readKa2("/outcomes"),
  "GET /api/agreements/:slug/outcomes/:number": [{ scope: "elsewhere", request: () => ({ method: "GET", url: `${ka1}/outcomes/9` }), allowed: [] }],
  "GET /api/agreements/:slug/freedoms": readKa2("/freedoms"),
  "GET /api/agreements/:slug/position-summary": readKa2("/position-summary?asAt=2008-05-01"),
  "PATCH /api/agreements/:slug": onAgreements("PATCH", "", ["manager"], null, { published: true, version: 999 }),
  "GET /api/agreements/:slug/permissions": readKa2("/permissions"),
  "GET /api/agreements/:slug/history": onAgreements("GET", "/history", signedIn, null),
  "PUT /api/agreements/:slug/indicators/:key/targets": onAgreements(
    "PUT",
    "/indicators/ni-47/targets",
    ["manager", "officer"],
    { path: "/indicators/ni-155/targets", allowed: ["manager"] },
    target,
    "/indicators/ka1-9-1/targets",
  ),
  "PUT /api/agreements/:slug/indicators/:key/baselines": onAgreements(
    "PUT",
    "/indicators/ni-47/baselines",
    ["manager", "officer"],
    { path: "/indicators/ni-155/baselines", allowed: ["manager"] },
    baseline,
    "/indicators/ka1-9-1/baselines",
  ),
  "PUT /api/agreements/:slug/indicators/:key/baseline-pending": onAgreements(
    "PUT",
    "/indicators/ni-47/baseline-pending",
    ["manager", "officer"],
    { path: "/indicators/ni-155/baseline-pending", allowed: ["manager"] },
    { reason: "Waiting for the Place Survey", expectedBy: "2008-09-30" },
    "/indicators/ka1-9-1/baseline-pending",
  ),
  "POST /api/agreements/:slug/indicators/:key/sign-ups": [
    { scope: "ours", request: () => ({ method: "POST", url: `${ka2}/indicators/ni-47/sign-ups`, body: { organisation: "kent-police", role: "statutory" } }), allowed: ["manager", "partner"] },
    { scope: "other", request: () => ({ method: "POST", url: `${ka2}/indicators/ni-47/sign-ups`, body: { organisation: "kent-county-council", role: "lead" } }), allowed: ["manager"] },
    { scope: "elsewhere", request: () => ({ method: "POST", url: `${ka1}/indicators/ka1-9-1/sign-ups`, body: { organisation: "kent-police", role: "lead" } }), allowed: [] },
  ],
  "DELETE /api/agreements/:slug/indicators/:key/sign-ups/:organisation/:role": [
    { scope: "ours", request: () => ({ method: "DELETE", url: `${ka2}/indicators/ni-47/sign-ups/kent-police/statutory` }), allowed: ["manager", "partner"] },
    { scope: "other", request: () => ({ method: "DELETE", url: `${ka2}/indicators/ni-47/sign-ups/kent-county-council/lead` }), allowed: ["manager"] },
    { scope: "elsewhere", request: () => ({ method: "DELETE", url: `${ka1}/indicators/ka1-9-1/sign-ups/kent-police/lead` }), allowed: [] },
  ],
  "GET /api/agreements/:slug/indicators/:key/negotiation": readKa2("/indicators/ni-47/negotiation", "/indicators/ka1-9-1/negotiation"),
  "POST /api/agreements/:slug/indicators/:key/negotiation": [
    // What may be said depends on who says it: the Government Office counter-proposes and agrees…
    ...onAgreements(
      "POST",
      "/indicators/ni-47/negotiation",
      ["government"],
      { path: "/indicators/ni-155/negotiation", allowed: ["government"] },
      { kind: "counter-proposal", proposal: [{ year: "2010/11", target: { form: "absolute", value: "550" }, written: "550" }] },
      "/indicators/ka1-9-1/negotiation",
    ),
    // …the indicator's accountable officer (or a manager) proposes.
    {
      scope: "ours",
      request: () => ({ method: "POST", url: `${ka2}/indicators/ni-47/negotiation`, body: { kind: "proposal", proposal: [{ year: "2009/10", target: { form: "absolute", value: "592" }, written: "592" }] } }),
      allowed: ["manager", "officer"],
    },
    {
      scope: "other",
      request: () => ({ method: "POST", url: `${ka2}/indicators/ni-155/negotiation`, body: { kind: "proposal", proposal: [{ year: "2010/11", target: { form: "cumulative", increment: "1425" }, written: "+1425 = 4284" }] } }),
      allowed: ["manager"],
    },
    // A manager may copy what it said from a letter, marked as transcribed.
    ...onAgreements(
      "POST",
      "/indicators/ni-47/negotiation",
      ["manager"],
      null,
      {
        kind: "counter-proposal",
        transcription: { from: "GOSE letter of 20 May 2008", date: "2008-05-20", reason: "Arrived by post" },
        proposal: [{ year: "2010/11", target: { form: "absolute", value: "550" }, written: "550" }],
      },
      "/indicators/ka1-9-1/negotiation",
    ),
  ],
  "GET /api/agreements/:slug/negotiation": readKa2("/negotiation"),
  "GET /api/agreements/:slug/indicators/:key/comments": readKa2("/indicators/ni-47/comments", "/indicators/ka1-9-1/comments"),
  // DESIGN.md: viewers (members, boards) read everything and comment.
  "POST /api/agreements/:slug/indicators/:key/comments": onAgreements("POST", "/indicators/ni-47/comments", signedIn, null, { body: "A comment" }, "/indicators/ka1-9-1/comments"),
  "GET /api/agreements/:slug/indicators/:key/history": onAgreements("GET", "/indicators/ni-47/history", signedIn, null, undefined, "/indicators/ka1-9-1/history"),
  "GET /api/agreements/:slug/districts/:code/local-action-plan": readKa2("/districts/E07000114/local-action-plan"),
  "PUT /api/agreements/:slug/districts/:code/local-action-plan": onAgreements(
    "PUT",
    "/districts/E07000114/local-action-plan",
    ["manager", "lsp"],
    { path: "/districts/E07000105/local-action-plan", allowed: ["manager"] },
    { summary: "Thanet will support the road safety target.", supportedIndicators: ["ni-47"] },
  ),
  "GET /api/openapi.json": [{ scope: "none", request: () => ({ method: "GET", url: "/api/openapi.json" }), allowed: everyone }],
  "POST /api/agreements/:slug/indicators": [
    { scope: "ours", request: () => ({ method: "POST", url: `${ka2}/indicators`, body: { indicator: "KA2 L1", kind: "local", theme: "economic-success", localTitle: "Local business survey" } }), allowed: ["manager"] },
    { scope: "elsewhere", request: () => ({ method: "POST", url: `${ka1}/indicators`, body: { indicator: "KA1 1.S9", kind: "secondary", theme: "children-and-young-people", outcome: 1, localTitle: "Matrix" } }), allowed: [] },
  ],
  "POST /api/agreements/:slug/indicators/:key/replacement": [
    { scope: "ours", request: () => ({ method: "POST", url: `${ka2}/indicators/ni-154/replacement`, body: { replacement: "NI 1", reason: "Matrix test" } }), allowed: ["manager"] },
    { scope: "elsewhere", request: () => ({ method: "POST", url: `${ka1}/indicators/ka1-9-2/replacement`, body: { replacement: "NI 2", reason: "Matrix test" } }), allowed: [] },
  ],
  "DELETE /api/agreements/:slug/indicators/:key": [
    { scope: "ours", request: () => ({ method: "DELETE", url: `${ka2}/indicators/ni-141` }), allowed: ["manager"] },
    { scope: "elsewhere", request: () => ({ method: "DELETE", url: `${ka1}/indicators/ka1-9-3` }), allowed: [] },
  ],
  "POST /api/agreements/:slug/outcomes/:number/extra-primary-agreement": [
    { scope: "ours", request: () => ({ method: "POST", url: `${ka2}/outcomes/1/extra-primary-agreement`, body: { date: "2008-05-20" } }), allowed: ["manager", "government"] },
    { scope: "elsewhere", request: () => ({ method: "POST", url: `${ka1}/outcomes/9/extra-primary-agreement`, body: { date: "2005-03-01" } }), allowed: [] },
  ],
  "POST /api/agreements/:slug/sign-ups": [
    { scope: "ours", request: () => ({ method: "POST", url: `${ka2}/sign-ups`, body: { organisation: "kent-police", role: "statutory" } }), allowed: ["manager", "partner"] },
    { scope: "other", request: () => ({ method: "POST", url: `${ka2}/sign-ups`, body: { organisation: "kent-county-council", role: "statutory" } }), allowed: ["manager"] },
    { scope: "elsewhere", request: () => ({ method: "POST", url: `${ka1}/sign-ups`, body: { organisation: "kent-police", role: "statutory" } }), allowed: [] },
  ],
  "DELETE /api/agreements/:slug/sign-ups/:organisation": [
    { scope: "ours", request: () => ({ method: "DELETE", url: `${ka2}/sign-ups/kent-police` }), allowed: ["manager", "partner"] },
    { scope: "other", request: () => ({ method: "DELETE", url: `${ka2}/sign-ups/kent-county-council` }), allowed: ["manager"] },
    { scope: "elsewhere", request: () => ({ method: "DELETE", url: `${ka1}/sign-ups/kent-police` }), allowed: [] },
  ],
  "GET /api/agreements/:slug/sign-up-matrix": readKa2("/sign-up-matrix"),
  "GET /api/agreements/:slug/submission": readKa2("/submission?format=csv&asAt=2008-05-01"),
  "GET /api/agreements/:slug/submission-check": readKa2("/submission-check?asAt=2008-05-01"),
  "POST /api/agreements/:slug/submission": onAgreements("POST", "/submission", ["manager"], null, { version: 999 }),
  "GET /api/agreements/:slug/bulletins": onAgreements("GET", "/bulletins", signedIn, null),
  "GET /api/agreements/:slug/bulletins/draft": onAgreements("GET", "/bulletins/draft?format=text", signedIn, null),
  "POST /api/agreements/:slug/bulletins": onAgreements("POST", "/bulletins", ["manager"], null, {}),
  "GET /api/agreements/:slug/bulletins/:number": onAgreements("GET", "/bulletins/1", signedIn, null),
  // Delivery lists carry readers' addresses: managers only.
  "GET /api/agreements/:slug/bulletins/:number/deliveries": onAgreements("GET", "/bulletins/1/deliveries", ["manager"], null),
  "POST /api/agreements/:slug/bulletins/:number/deliveries/resend": onAgreements("POST", "/bulletins/1/deliveries/resend", ["manager"], null, {}),
  "GET /api/agreements/:slug/distribution-list": onAgreements("GET", "/distribution-list", ["manager"], null),
  "POST /api/agreements/:slug/distribution-list": onAgreements("POST", "/distribution-list", ["manager"], null, { email: "reader@kent.example" }),
  "DELETE /api/agreements/:slug/distribution-list/:email": onAgreements("DELETE", "/distribution-list/reader@kent.example", ["manager"], null),
  "POST /api/agreements/:slug/rounds": onAgreements("POST", "/rounds", ["manager"], null, { period: "2011/12 H2" }),
  "GET /api/agreements/:slug/rounds": readKa2("/rounds"),
  "GET /api/agreements/:slug/rounds/:round": readKa2("/rounds/2011-12-h2"),
  "GET /api/agreements/:slug/rounds/:round/report": readKa2("/rounds/2011-12-h2/report?format=html"),
  "GET /api/agreements/:slug/performance": readKa2("/performance"),
  "GET /api/agreements/:slug/indicators/:key/performance": readKa2("/indicators/ni-47/performance", "/indicators/ka1-9-1/performance"),
  "GET /api/agreements/:slug/indicators/:key/districts": readKa2("/indicators/ni-47/districts?format=csv", "/indicators/ka1-9-1/districts"),
  "GET /api/agreements/:slug/districts/:area/performance": readKa2("/districts/E07000114/performance"),
  "GET /api/agreements/:slug/data.json": readKa2("/data.json"),
  "GET /api/agreements/:slug/data.csv": readKa2("/data.csv"),
  "GET /api/agreements/:slug/indicators/:key/open-sdg/data.csv": readKa2("/indicators/ni-47/open-sdg/data.csv", "/indicators/ka1-9-1/open-sdg/data.csv"),
  "GET /api/agreements/:slug/indicators/:key/open-sdg/metadata.md": readKa2("/indicators/ni-47/open-sdg/metadata.md", "/indicators/ka1-9-1/open-sdg/metadata.md"),
  "POST /api/agreements/:slug/rounds/:round/close": onAgreements("POST", "/rounds/2011-12-h2/close", ["manager"], null, { version: 999 }),
  "POST /api/agreements/:slug/rounds/:round/publish": onAgreements("POST", "/rounds/2011-12-h2/publish", ["manager"], null, { version: 999 }),
  "GET /api/agreements/:slug/rounds/:round/returns": readKa2("/rounds/2011-12-h2/returns"),
  "GET /api/agreements/:slug/rounds/:round/returns/:key": readKa2("/rounds/2011-12-h2/returns/ni-47", "/rounds/2011-12-h2/returns/ka1-9-1"),
  // A return is written and submitted by the indicator's accountable officer (or a manager), decided by a manager.
  "PUT /api/agreements/:slug/rounds/:round/returns/:key": onAgreements(
    "PUT",
    "/rounds/2011-12-h2/returns/ni-47",
    ["manager", "officer"],
    { path: "/rounds/2011-12-h2/returns/ni-155", allowed: ["manager"] },
    { progress: "Matrix test", version: 999 },
    "/rounds/2011-12-h2/returns/ka1-9-1",
  ),
  "POST /api/agreements/:slug/rounds/:round/returns/:key/submit": onAgreements(
    "POST",
    "/rounds/2011-12-h2/returns/ni-47/submit",
    ["manager", "officer"],
    { path: "/rounds/2011-12-h2/returns/ni-155/submit", allowed: ["manager"] },
    { version: 999 },
    "/rounds/2011-12-h2/returns/ka1-9-1/submit",
  ),
  "POST /api/agreements/:slug/rounds/:round/returns/:key/accept": onAgreements(
    "POST",
    "/rounds/2011-12-h2/returns/ni-47/accept",
    ["manager"],
    null,
    { version: 999 },
    "/rounds/2011-12-h2/returns/ka1-9-1/accept",
  ),
  "POST /api/agreements/:slug/rounds/:round/returns/:key/return": onAgreements(
    "POST",
    "/rounds/2011-12-h2/returns/ni-47/return",
    ["manager"],
    null,
    { version: 999, comment: "Matrix test" },
    "/rounds/2011-12-h2/returns/ka1-9-1/return",
  ),
  // A district's values are submitted by that district's LSP coordinator (Thanet) or a manager.
  "POST /api/agreements/:slug/rounds/:round/returns/:key/districts/:code/submit": onAgreements(
    "POST",
    "/rounds/2011-12-h2/returns/ni-47/districts/E07000114/submit",
    ["manager", "lsp"],
    { path: "/rounds/2011-12-h2/returns/ni-47/districts/E07000108/submit", allowed: ["manager"] },
    {},
    "/rounds/2011-12-h2/returns/ka1-9-1/districts/E07000114/submit",
  ),
  // A countywide delivery plan is read by all who may read the indicator, written by its accountable officer or a manager.
  "GET /api/agreements/:slug/indicators/:key/delivery-plan": readKa2("/indicators/ni-47/delivery-plan", "/indicators/ka1-9-1/delivery-plan"),
  "PUT /api/agreements/:slug/indicators/:key/delivery-plan": onAgreements(
    "PUT",
    "/indicators/ni-47/delivery-plan",
    ["manager", "officer"],
    { path: "/indicators/ni-155/delivery-plan", allowed: ["manager"] },
    { progressAsAt: "2009-09-30", actions: [], milestones: [], risks: [], contributors: [], version: 999 },
    "/indicators/ka1-9-1/delivery-plan",
  ),
  // Values: the indicator's officer gives any area, an LSP coordinator only their district (Thanet), a manager all.
  "POST /api/agreements/:slug/indicators/:key/observations": [
    { scope: "ours", request: () => ({ method: "POST", url: `${ka2}/indicators/ni-47/observations`, body: observation("E07000114") }), allowed: ["manager", "officer", "lsp"] },
    { scope: "other", request: () => ({ method: "POST", url: `${ka2}/indicators/ni-47/observations`, body: observation("E07000108") }), allowed: ["manager", "officer"] },
    { scope: "other", request: () => ({ method: "POST", url: `${ka2}/indicators/ni-155/observations`, body: observation("E07000114") }), allowed: ["manager", "lsp"] },
    { scope: "elsewhere", request: () => ({ method: "POST", url: `${ka1}/indicators/ka1-9-1/observations`, body: observation("E10000016") }), allowed: [] },
  ],
  "GET /api/agreements/:slug/indicators/:key/observations": readKa2("/indicators/ni-47/observations", "/indicators/ka1-9-1/observations"),
  // The officer, the LSP coordinator and the manager each fill in rows of a return; the others none.
  "GET /api/agreements/:slug/rounds/:round/template": onAgreements("GET", "/rounds/2011-12-h2/template?format=csv", ["manager", "officer", "lsp"], null),
  "POST /api/agreements/:slug/rounds/:round/upload": onAgreements("POST", "/rounds/2011-12-h2/upload", ["manager", "officer", "lsp"], null),
  "GET /api/agreements/:slug/reward": readKa2("/reward"),
  "PUT /api/agreements/:slug/reward/assumptions": onAgreements("PUT", "/reward/assumptions", ["manager"], null, { version: 999, sharePercent: "2" }),
  "PUT /api/agreements/:slug/reward/targets/:key": onAgreements(
    "PUT",
    "/reward/targets/ni-47",
    ["manager"],
    { path: "/reward/targets/ni-155", allowed: ["manager"] },
    { version: 999, pot: "1000000" },
    "/reward/targets/ka1-9-1",
  ),
  "GET /api/agreements/:slug/funding-streams": readKa2("/funding-streams"),
  "GET /api/agreements/:slug/funding-streams.xlsx": readKa2("/funding-streams.xlsx"),
  "POST /api/agreements/:slug/funding-streams": onAgreements("POST", "/funding-streams", ["manager"], null, { name: "Matrix test fund" }),
  "PATCH /api/agreements/:slug/funding-streams/:stream": onAgreements(
    "PATCH",
    "/funding-streams/matrix-test-fund",
    ["manager"],
    null,
    { version: 999, note: "Stale on purpose" },
    "/funding-streams/stronger-and-safer-communities-fund",
  ),
  "GET /api/agreements/:slug/indicators/:key/reward-what-if": readKa2("/indicators/ni-47/reward-what-if", "/indicators/ka1-9-1/reward-what-if"),
  // The consultation diary: anyone who may read the agreement reads it; only managers keep it (KA1's events are 1-2, KA2's 3-6).
  "GET /api/agreements/:slug/consultation-diary": readKa2("/consultation-diary"),
  "POST /api/agreements/:slug/consultation-diary": onAgreements("POST", "/consultation-diary", ["manager"], null, {
    date: "2008-06-02",
    kind: "briefing",
    title: "A briefing on the submission",
  }),
  "PATCH /api/agreements/:slug/consultation-diary/:id": onAgreements(
    "PATCH",
    "/consultation-diary/3",
    ["manager"],
    null,
    { version: 999, title: "A changed title" },
    "/consultation-diary/1",
  ),
  // DHIS2: anyone who records values may send a file (each value then checked as one); the export reads as the round does.
  "POST /api/dataValueSets": [
    { scope: "none", request: () => ({ method: "POST", url: "/api/dataValueSets?dryRun=true", body: { dataValues: [] } }), allowed: ["manager", "officer", "lsp"] },
  ],
  "GET /api/agreements/:slug/rounds/:round/dataValueSets": readKa2("/rounds/2008-09-h1/dataValueSets?format=csv"),
  "GET /api/dhis2/identifiers": [{ scope: "none", request: () => ({ method: "GET", url: "/api/dhis2/identifiers" }), allowed: ["manager"] }],
  "PUT /api/dhis2/identifiers": [
    { scope: "none", request: () => ({ method: "PUT", url: "/api/dhis2/identifiers", body: { version: 999, changes: [{ kind: "orgUnit", code: "E07000114", id: null }] } }), allowed: ["manager"] },
  ],
  "GET /api/indicators": [{ scope: "none", request: () => ({ method: "GET", url: "/api/indicators" }), allowed: everyone }],
  "GET /api/indicators/:key": [{ scope: "none", request: () => ({ method: "GET", url: "/api/indicators/ni-47" }), allowed: everyone }],
  "GET /api/agreements/overview": [{ scope: "none", request: () => ({ method: "GET", url: "/api/agreements/overview?region=south-east" }), allowed: everyone }],
  "GET /api/indicators/:key/across-agreements": [
    { scope: "none", request: () => ({ method: "GET", url: "/api/indicators/ni-47/across-agreements" }), allowed: everyone },
  ],
  "GET /api/indicators/:key/history": [{ scope: "none", request: () => ({ method: "GET", url: "/api/indicators/ni-47/history" }), allowed: everyone }],
  // The catalogue serves every agreement: any manager keeps it.
  "POST /api/indicators": [
    { scope: "none", request: () => ({ method: "POST", url: "/api/indicators", body: { code: "NI 176", title: "Matrix entry", titleSource: "matrix test" } }), allowed: ["manager"] },
  ],
  "PATCH /api/indicators/:key": [{ scope: "none", request: () => ({ method: "PATCH", url: "/api/indicators/ni-47", body: { polarity: "lower-is-better", version: 999 } }), allowed: ["manager"] }],
  // Importing an agreement's table adds to the shared catalogue: any manager may (the JSON body is refused 400).
  "POST /api/agreements/import": [
    { scope: "none", request: () => ({ method: "POST", url: "/api/agreements/import?dryRun=true", body: { table: "none" } }), allowed: ["manager"] },
  ],
  "GET /api/organisations": [{ scope: "none", request: () => ({ method: "GET", url: "/api/organisations" }), allowed: everyone }],
  "GET /api/areas": [{ scope: "none", request: () => ({ method: "GET", url: "/api/areas" }), allowed: everyone }],
  "GET /api/session/options": [{ scope: "none", request: () => ({ method: "GET", url: "/api/session/options" }), allowed: everyone }],
  "GET /api/session": [{ scope: "none", request: () => ({ method: "GET", url: "/api/session" }), allowed: everyone }],
  "POST /api/session": [{ scope: "none", request: () => ({ method: "POST", url: "/api/session", body: { email: "matrix.viewer@kent.example", password: "matrix-password-1" } }), allowed: everyone }],
  "DELETE /api/session": [{ scope: "none", request: () => ({ method: "DELETE", url: "/api/session" }), allowed: everyone }],
  "POST /api/session/password": [{ scope: "none", request: () => ({ method: "POST", url: "/api/session/password", body: { currentPassword: "not-the-password", newPassword: "a-long-new-password" } }), allowed: signedIn }],
  "POST /api/tokens": [{ scope: "none", request: () => ({ method: "POST", url: "/api/tokens", body: { name: "matrix" } }), allowed: signedIn }],
  "GET /api/my-work": [{ scope: "none", request: () => ({ method: "GET", url: "/api/my-work" }), allowed: signedIn }],
  "GET /api/tokens": [{ scope: "none", request: () => ({ method: "GET", url: "/api/tokens" }), allowed: signedIn }],
  "DELETE /api/tokens/:tokenId": [{ scope: "none", request: () => ({ method: "DELETE", url: "/api/tokens/999999" }), allowed: signedIn }],
  "GET /api/users": [{ scope: "none", request: () => ({ method: "GET", url: "/api/users" }), allowed: ["manager"] }],
  "POST /api/users": [{ scope: "none", request: (c) => ({ method: "POST", url: "/api/users", body: { email: c.newEmail(), name: "Invited Person" } }), allowed: ["manager"] }],
  "POST /api/users/:userId/invitation/resend": [{ scope: "none", request: (c) => ({ method: "POST", url: `/api/users/${c.userId}/invitation/resend`, body: {} }), allowed: ["manager"] }],
  "GET /api/users/:userId": [{ scope: "none", request: (c) => ({ method: "GET", url: `/api/users/${c.userId}` }), allowed: ["manager"] }],
  "POST /api/users/:userId/grants": [
    { scope: "ours", request: (c) => ({ method: "POST", url: `/api/users/${c.userId}/grants`, body: { role: "viewer", agreement: "kent-ka2" } }), allowed: ["manager"] },
    { scope: "elsewhere", request: (c) => ({ method: "POST", url: `/api/users/${c.userId}/grants`, body: { role: "viewer", agreement: "kent-ka1" } }), allowed: [] },
  ],
  "DELETE /api/users/:userId/grants/:grantId": [
    { scope: "ours", request: (c) => ({ method: "DELETE", url: `/api/users/${c.userId}/grants/${c.grantInOurAgreement}` }), allowed: ["manager"] },
    { scope: "elsewhere", request: (c) => ({ method: "DELETE", url: `/api/users/${c.userId}/grants/${c.grantElsewhere}` }), allowed: [] },
  ],
};
