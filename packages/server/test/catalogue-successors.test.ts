/**
 * Issue 7 point 21: a catalogue entry says where an agreement replaced the indicator and with
 * what, only as the agreement records it (KA2: NI 170 proposed for omission, replaced by NI
 * 159). Nothing is invented for an indicator no agreement replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorDefinitionView } from "@accord/domain";
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

const entry = async (key: string) => (await send(api.app, null, { method: "GET", url: `/api/indicators/${key}` })).json<IndicatorDefinitionView>();

describe("a catalogue entry's predecessor and successor", () => {
  it("names NI 159 as NI 170's successor in Kent Agreement 2, and NI 170 as NI 159's predecessor", async () => {
    expect((await entry("ni-170")).usedIn).toEqual([{ agreement: "kent-ka2", shortName: "KA2", kind: "designated", state: "omitted", replacedBy: "NI 159", replaces: [] }]);
    expect((await entry("ni-159")).usedIn).toEqual([{ agreement: "kent-ka2", shortName: "KA2", kind: "designated", state: "active", replacedBy: null, replaces: ["NI 170"] }]);
  });

  it("names none where no agreement replaced the indicator", async () => {
    expect((await entry("ni-47")).usedIn).toEqual([{ agreement: "kent-ka2", shortName: "KA2", kind: "designated", state: "active", replacedBy: null, replaces: [] }]);
  });

  it("records a replacement made through the API the same way, in the list and on the entry", async () => {
    const replaced = await send(api.app, manager, {
      method: "POST",
      url: "/api/agreements/kent-ka2/indicators/ni-141/replacement",
      body: { replacement: "NI 1", reason: "The partnership prefers the newer measure" },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(201);
    expect((await entry("ni-141")).usedIn[0]).toMatchObject({ state: "omitted", replacedBy: "NI 1", replaces: [] });
    const list = (await send(api.app, manager, { method: "GET", url: "/api/indicators?limit=500" })).json<{ indicators: IndicatorDefinitionView[] }>();
    expect(list.indicators.find((definition) => definition.code === "NI 1")?.usedIn).toEqual([
      { agreement: "kent-ka2", shortName: "KA2", kind: "designated", state: "active", replacedBy: null, replaces: ["NI 141"] },
    ]);
  });
});
