/**
 * Issue 7 point 23: what the demo data says where the first transcription misread the documents —
 * the Place Survey baselines are expected at the refresh, DWP's May guidance is not a baseline
 * date, and KA1 outcome 16's freedom is in the register.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementIndicatorPageView, FreedomView, OutcomeView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";

let api: TestApp;
beforeAll(async () => {
  api = await createTestApp();
});
afterAll(async () => {
  await api?.close();
});

const indicator = async (key: string) => (await api.get<AgreementIndicatorPageView>(`/api/agreements/kent-ka2/indicators/${key}`)).body;

describe("Kent Agreement 2's pending baselines", () => {
  it("expects NI 3's and NI 6's baselines at the November / December 2008 refresh, not in the survey month", async () => {
    for (const key of ["ni-3", "ni-6"]) {
      const pending = (await indicator(key)).baselinePending;
      expect(pending?.expectedBy).toBe("2008-12-31");
      expect(pending?.written).toBe("Cannot be set until Place Based Survey conducted (Sept 08)");
    }
  });

  it("does not take the month DWP's guidance is due for NI 152's baseline date", async () => {
    const pending = (await indicator("ni-152")).baselinePending;
    expect(pending?.reason).toBe("Awaiting further guidance from DWP");
    expect(pending?.expectedBy).toBeNull();
    expect(pending?.written).toBe("Further guidance from DWP available May");
  });
});

describe("Kent Agreement 1's register of freedoms", () => {
  it("holds outcome 16's strategic partnership on benefit expenditure, with the cells the document leaves empty left empty", async () => {
    const { freedoms } = (await api.get<{ freedoms: FreedomView[] }>("/api/agreements/kent-ka1/freedoms")).body;
    const partnership = freedoms.find((freedom) => /strategic partnership with central government to trial radical ideas on reducing benefit expenditure/.test(freedom.freedomSought));
    expect(partnership).toMatchObject({ outcomes: [16], problem: null, priority: null, scope: "outcomes" });
    const outcome16 = (await api.get<OutcomeView>("/api/agreements/kent-ka1/outcomes/16")).body;
    expect(outcome16.notes.join(" ")).not.toMatch(/radical ideas/);
  });
});
