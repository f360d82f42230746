import { describe, expect, it } from "vitest";
import { indicatorKey, isNationalIndicator } from "./indicator-key.js";

describe("indicatorKey", () => {
  it.each([
    { code: "NI 47", key: "ni-47", where: "KA2's road casualties indicator" },
    { code: "NI 198", key: "ni-198", where: "the last of the National Indicator Set" },
    { code: "KA1 9.S1", key: "ka1-9-s1", where: "a KA1 secondary indicator" },
    { code: " LPSA2 (12) ", key: "lpsa2-12", where: "an LPSA2 target with brackets and spaces" },
  ])("$code ($where) → $key", ({ code, key }) => {
    expect(indicatorKey(code)).toBe(key);
  });

  it("refuses a code with nothing to key on", () => {
    expect(() => indicatorKey(" - ")).toThrow(expect.objectContaining({ code: "INVALID_INDICATOR_CODE", field: "code" }));
  });
});

describe("isNationalIndicator", () => {
  it.each([
    { code: "NI 47", expected: true },
    { code: "NI 159", expected: true },
    { code: "KA1 9.S1", expected: false },
    { code: "NI47", expected: false },
    { code: "ni 47", expected: false },
    { code: "NI 47a", expected: false },
  ])("$code is in the National Indicator Set: $expected", ({ code, expected }) => {
    expect(isNationalIndicator(code)).toBe(expected);
  });
});
