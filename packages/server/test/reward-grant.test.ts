/**
 * The Performance Reward Grant through the API on a real database (PGlite and PostgreSQL): the
 * demo's KA2 estimate (2% of £340m = £6.8m) and KA1's LPSA2 reward targets with no figures the
 * seeds do not give; a manager changes the assumptions and a reward target, each versioned (409
 * with the current state when stale) and audited; nobody else may; bad figures are refused
 * naming the field; the payment follows the county's latest value, with and without the 60%
 * threshold; and the what-if beside a proposal and a counter-proposal.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDecimals, negotiationWhatIf, subtractDecimals } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let officer: Session;
let partner: Session;
let negotiator: Session;
const ka2 = "/api/agreements/kent-ka2";
const ka1 = "/api/agreements/kent-ka1";
/** NI 47's latest county value as the manager sees it (the open round's, which the public does not see). */
let latest = "";

interface Payment {
  stretch: string;
  achievedPercent: string | null;
  paidPercent: string | null;
  payment: string | null;
  outcome: string | null;
  reason: string | null;
}
interface Target {
  indicator: { key: string; code: string };
  pot: string | null;
  withoutStretch: string | null;
  stretchTarget: string | null;
  proRata: boolean;
  note: string | null;
  missing: string[];
  latest: { period: string; value: string } | null;
  payment: Payment | null;
  withThreshold: Payment | null;
  proRataPayment: Payment | null;
  freedomWorth: string | null;
  updatedBy: string | null;
  version: number;
}
interface Assumptions {
  nationalPot: string | null;
  sharePercent: string | null;
  achievementPercent: string | null;
  totalPossible: string | null;
  predecessorTotalPossible: string | null;
  updatedBy: string | null;
  version: number;
}
interface Page {
  mayEdit: boolean;
  assumptions: Assumptions;
  estimate: { possible: string | null; estimate: string | null; withinQuotedRange: boolean | null; working: string[] };
  targets: Target[];
  totals: { pots: string; targetsWithoutPot: number };
}
interface Refusal {
  error: { code: string; field?: string; message: string };
  current?: unknown;
}

async function auditRows(action: string) {
  return queryRows(api.database.db, sql`select actor, before, after, entity_type from audit_events where action = ${action} order by id`);
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  partner = await signIn(api.app, "partner@kent-police.example");
  negotiator = await signIn(api.app, "negotiator@gose.example");
});
afterAll(async () => {
  await api?.close();
});

describe("the demo's reward grant, as the seeds give it", () => {
  it("Kent Agreement 2: 2% of £340m is £6.8m, inside Kent's £6m–£8m, with the working, for anyone", async () => {
    const page = await send(api.app, null, { method: "GET", url: `${ka2}/reward` });
    expect(page.status).toBe(200);
    const body = page.json<Page>();
    expect(body.assumptions).toMatchObject({ nationalPot: "340000000", sharePercent: "2", predecessorTotalPossible: "36000000", version: 1 });
    expect(body.estimate).toMatchObject({ possible: "6800000", estimate: "6800000", withinQuotedRange: true });
    expect(body.estimate.working).toContain("2% of £340,000,000 = £6,800,000");
    expect(body.targets).toEqual([]);
    expect(body.mayEdit).toBe(false);
  });

  it("Kent Agreement 1: its LPSA2 targets are the reward targets, with no pot or stretch the seeds do not give, and £36m possible", async () => {
    const body = (await send(api.app, manager, { method: "GET", url: `${ka1}/reward` })).json<Page>();
    expect(body.mayEdit).toBe(true);
    expect(body.assumptions.totalPossible).toBe("36000000");
    expect(body.targets).toHaveLength(35);
    expect(body.targets.every((target) => target.pot === null && target.withoutStretch === null && target.stretchTarget === null)).toBe(true);
    expect(body.targets[0]?.missing).toEqual(["pot", "withoutStretch", "stretchTarget"]);
    expect(body.totals).toEqual(expect.objectContaining({ pots: "0", targetsWithoutPot: 35 }));
    const incapacity = body.targets.find((target) => target.indicator.code === "KA1 16.S2");
    expect(incapacity).toMatchObject({ proRata: false, payment: null });
    expect(incapacity?.note).toMatch(/pro rata/);
  });
});

describe("changing the estimate's assumptions", () => {
  it("is for managers only: officers, partners and the Government Office are refused, the public asked to sign in, nothing changed", async () => {
    for (const session of [officer, partner, negotiator]) {
      const refused = await send(api.app, session, { method: "PUT", url: `${ka2}/reward/assumptions`, body: { version: 1, sharePercent: "3" } });
      expect(refused.status).toBe(403);
    }
    expect((await send(api.app, null, { method: "PUT", url: `${ka2}/reward/assumptions`, body: { version: 1, sharePercent: "3" } })).status).toBe(401);
    expect((await send(api.app, null, { method: "GET", url: `${ka2}/reward` })).json<Page>().assumptions).toMatchObject({ sharePercent: "2", version: 1 });
  });

  it.each([
    { body: { version: 1, sharePercent: "lots" }, field: "sharePercent" },
    { body: { version: 1, sharePercent: "120" }, field: "sharePercent" },
    { body: { version: 1, nationalPot: "-340000000" }, field: "nationalPot" },
    { body: { version: 1, nationalPot: "£340m" }, field: "nationalPot" },
    { body: { sharePercent: "2.5" }, field: "version" },
    { body: { version: 1, updatedBy: "someone else" }, field: "updatedBy" },
  ])("refuses $body with 400 naming $field, and changes nothing", async ({ body, field }) => {
    const refused = await send(api.app, manager, { method: "PUT", url: `${ka2}/reward/assumptions`, body });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json<Refusal>().error)).toContain(field);
    expect((await send(api.app, null, { method: "GET", url: `${ka2}/reward` })).json<Page>().assumptions.version).toBe(1);
  });

  it("a manager's 2.5% share gives £8.5m, outside the quoted range; audited with before and after; a stale copy gets 409 with the current one", async () => {
    const changed = await send(api.app, manager, { method: "PUT", url: `${ka2}/reward/assumptions`, body: { version: 1, sharePercent: "2.5" } });
    expect(changed.status).toBe(200);
    expect(changed.json<Assumptions>()).toMatchObject({ sharePercent: "2.5", nationalPot: "340000000", version: 2 });
    expect(changed.json<Assumptions>().updatedBy).toMatch(/manager@kent-partnership.example/);
    const page = (await send(api.app, null, { method: "GET", url: `${ka2}/reward` })).json<Page>();
    expect(page.estimate).toMatchObject({ possible: "8500000", withinQuotedRange: false });
    expect(page.estimate.working).toContain("2.5% of £340,000,000 = £8,500,000");

    const [audit] = await auditRows("rewardAssumptions.set");
    expect(audit?.actor).toMatch(/manager@kent-partnership.example/);
    expect(audit?.entity_type).toBe("rewardAssumptions");
    expect(audit?.before).toMatchObject({ sharePercent: "2", version: 1 });
    expect(audit?.after).toMatchObject({ sharePercent: "2.5", version: 2 });

    const stale = await send(api.app, manager, { method: "PUT", url: `${ka2}/reward/assumptions`, body: { version: 1, sharePercent: "1" } });
    expect(stale.status).toBe(409);
    expect(stale.json<Refusal>().error.field).toBe("version");
    expect(stale.json<Refusal>().current).toMatchObject({ sharePercent: "2.5", version: 2 });
    expect(await auditRows("rewardAssumptions.set")).toHaveLength(1);

    const cleared = await send(api.app, manager, { method: "PUT", url: `${ka2}/reward/assumptions`, body: { version: 2, sharePercent: null } });
    expect(cleared.json<Assumptions>()).toMatchObject({ sharePercent: null, version: 3 });
    expect((await send(api.app, null, { method: "GET", url: `${ka2}/reward` })).json<Page>().estimate).toMatchObject({ possible: null, estimate: null });
    await send(api.app, manager, { method: "PUT", url: `${ka2}/reward/assumptions`, body: { version: 3, sharePercent: "2" } });
  });
});

describe("a reward target", () => {
  const url = `${ka2}/reward/targets/ni-47`;

  it("is added by a manager (version 0) and paid from NI 47's latest value; nobody else may add one", async () => {
    for (const session of [officer, partner, negotiator]) {
      expect((await send(api.app, session, { method: "PUT", url, body: { version: 0, pot: "1000000" } })).status).toBe(403);
    }
    const added = await send(api.app, manager, { method: "PUT", url, body: { version: 0, pot: "1000000" } });
    expect(added.status).toBe(201);
    const target = added.json<Target>();
    expect(target).toMatchObject({ pot: "1000000", withoutStretch: null, missing: ["withoutStretch", "stretchTarget"], payment: null, version: 1 });
    expect(target.latest).not.toBeNull();
    latest = target.latest?.value ?? "";
    const [audit] = await auditRows("rewardTarget.create");
    expect(audit).toMatchObject({ entity_type: "rewardTarget", before: null });
    expect(audit?.after).toMatchObject({ pot: "1000000", version: 1 });
  });

  it("half the agreed improvement pays nothing with the 60% threshold, half the pot pro rata: the freedom is worth £500,000", async () => {
    // NI 47 is lower is better: expected 50 above the latest value without the stretch, stretch 50 below it.
    const body = { version: 1, withoutStretch: addDecimals(latest, "50"), stretchTarget: subtractDecimals(latest, "50") };
    const changed = await send(api.app, manager, { method: "PUT", url, body });
    expect(changed.status).toBe(200);
    expect(changed.json<Target>()).toMatchObject({
      proRata: false,
      missing: [],
      payment: { stretch: "-100", achievedPercent: "50", paidPercent: "0", payment: "0", outcome: "below-threshold" },
      proRataPayment: { achievedPercent: "50", payment: "500000", outcome: "paid-in-part" },
      freedomWorth: "500000",
      version: 2,
    });
    const switched = await send(api.app, manager, { method: "PUT", url, body: { version: 2, proRata: true } });
    expect(switched.json<Target>()).toMatchObject({ proRata: true, payment: { payment: "500000" }, version: 3 });
    const page = (await send(api.app, manager, { method: "GET", url: `${ka2}/reward` })).json<Page>();
    expect(page.targets.map((one) => [one.indicator.code, one.payment?.payment])).toEqual([["NI 47", "500000"]]);
    const audits = await auditRows("rewardTarget.update");
    expect(audits).toHaveLength(2);
    expect(audits[1]?.before).toMatchObject({ proRata: false, version: 2 });
    expect(audits[1]?.after).toMatchObject({ proRata: true, version: 3 });
  });

  it("a stale copy gets 409 with the target as it stands; adding it twice gets 409; nothing is written", async () => {
    const stale = await send(api.app, manager, { method: "PUT", url, body: { version: 2, pot: "5" } });
    expect(stale.status).toBe(409);
    expect(stale.json<Refusal>().current).toMatchObject({ pot: "1000000", proRata: true, version: 3 });
    const twice = await send(api.app, manager, { method: "PUT", url, body: { version: 0, pot: "5" } });
    expect(twice.status).toBe(409);
    const missing = await send(api.app, manager, { method: "PUT", url: `${ka2}/reward/targets/ni-155`, body: { version: 4, pot: "5" } });
    expect(missing.status).toBe(409);
    expect(missing.json<Refusal>().error.message).toContain("send version 0");
    expect(await auditRows("rewardTarget.update")).toHaveLength(2);
  });

  it.each([
    { body: { version: 3, pot: "£1m" }, field: "pot" },
    { body: { version: 3, proRata: "yes" }, field: "proRata" },
    { body: { version: 3, stretchTarget: "about 500" }, field: "stretchTarget" },
    { body: { version: 3, threshold: "50" }, field: "threshold" },
  ])("refuses $body with 400 naming $field", async ({ body, field }) => {
    const refused = await send(api.app, manager, { method: "PUT", url, body });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json<Refusal>().error)).toContain(field);
  });

  it("an indicator the agreement does not hold is 404", async () => {
    expect((await send(api.app, manager, { method: "PUT", url: `${ka2}/reward/targets/ni-999`, body: { version: 0 } })).status).toBe(404);
  });
});

describe("the what-if beside a proposal and a counter-proposal", () => {
  interface WhatIf {
    measuredFrom: string | null;
    from: string | null;
    pot: string | null;
    baseline: { value: string; asAt: string } | null;
    latest: { value: string } | null;
    projected: string | null;
    projectedAt: string;
    positions: { kind: "proposal" | "counter-proposal"; target: string | null; stretch: string | null; payment: Payment | null }[];
  }

  it("gives the stretch each asks and what each would earn on the trajectory so far", async () => {
    const indicator = (await send(api.app, null, { method: "GET", url: `${ka2}/indicators/ni-47` })).json<{ targets: { year: string; version: number }[] }>();
    const version = indicator.targets.find((one) => one.year === "2010/11")?.version;
    const proposed = await send(api.app, officer, {
      method: "POST",
      url: `${ka2}/indicators/ni-47/negotiation`,
      body: { kind: "proposal", proposal: [{ year: "2010/11", target: { form: "absolute", value: "640" }, written: "640", version }] },
    });
    expect(proposed.status).toBe(201);
    const countered = await send(api.app, negotiator, {
      method: "POST",
      url: `${ka2}/indicators/ni-47/negotiation`,
      body: { kind: "counter-proposal", proposal: [{ year: "2010/11", target: { form: "absolute", value: "560" }, written: "560" }] },
    });
    expect(countered.status).toBe(201);

    const whatIf = (await send(api.app, manager, { method: "GET", url: `${ka2}/indicators/ni-47/reward-what-if` })).json<WhatIf>();
    expect(whatIf).toMatchObject({ measuredFrom: "without-stretch", from: addDecimals(latest, "50"), pot: "1000000", projectedAt: "2011-03-31" });
    expect(whatIf.baseline).toEqual({ value: "1183", asAt: "2008-03-31" });
    expect(whatIf.projected).not.toBeNull();
    expect(whatIf.positions.map((one) => [one.kind, one.target])).toEqual([
      ["proposal", "640"],
      ["counter-proposal", "560"],
    ]);
    const expected = negotiationWhatIf({
      positions: [
        { kind: "proposal", target: "640" },
        { kind: "counter-proposal", target: "560" },
      ],
      withoutStretch: addDecimals(latest, "50"),
      projected: whatIf.projected,
      pot: "1000000",
      proRata: true,
    });
    expect(whatIf.positions).toMatchObject(expected);
    // The tougher counter-proposal asks more stretch.
    expect(Number(whatIf.positions[1]?.stretch)).toBeLessThan(Number(whatIf.positions[0]?.stretch));
  });

  it("without a reward target measures the stretch from the baseline and gives shares, no amounts", async () => {
    const whatIf = (await send(api.app, null, { method: "GET", url: `${ka2}/indicators/ni-155/reward-what-if` })).json<WhatIf>();
    expect(whatIf.pot).toBeNull();
    expect(whatIf.positions).toEqual([]);
  });
});
