import { describe, expect, it } from "vitest";
import {
  addDecimals,
  compareDecimals,
  divideDecimals,
  isDecimal,
  multiplyDecimals,
  normaliseDecimal,
  percentageOf,
  roundDecimal,
  subtractDecimals,
} from "./decimal.js";
import { DomainError } from "./errors.js";

describe("normaliseDecimal", () => {
  it.each([
    { written: "592.0", expected: "592", why: "a spreadsheet's 592.0 is the seed's 592" },
    { written: "-0", expected: "0", why: "no negative zero in a report" },
    { written: "9.60", expected: "9.6", why: "NI 55 target 9.6% keeps no trailing zero" },
    { written: "+1356", expected: "1356", why: "NI 155's increment written with its sign" },
    { written: "0065.7", expected: "65.7", why: "NI 141 baseline with stray leading zeros" },
    { written: " 11.49 ", expected: "11.49", why: "NI 195 litter baseline pasted with spaces" },
    { written: "-0.440", expected: "-0.44", why: "a fall of 0.44 points keeps its sign" },
  ])("$written → $expected ($why)", ({ written, expected }) => {
    expect(normaliseDecimal(written)).toBe(expected);
  });

  it.each([
    { written: "592 (50% reduction)" },
    { written: "1,183" },
    { written: "9.6%" },
    { written: "1e3" },
    { written: "" },
  ])("refuses $written, naming the field", ({ written }) => {
    expect(isDecimal(written)).toBe(false);
    expect(() => normaliseDecimal(written, "baseline")).toThrow(
      expect.objectContaining({ code: "INVALID_DECIMAL", field: "baseline" }),
    );
  });
});

describe("arithmetic", () => {
  it.each([
    { seed: "NI 155: 0 + 1356", a: "0", b: "1356", expected: "1356" },
    { seed: "NI 155: 1356 + 1503 = 2859", a: "1356", b: "1503", expected: "2859" },
    { seed: "NI 155: 2859 + 1425 = 4284", a: "2859", b: "1425", expected: "4284" },
    { seed: "NI 195: 11.49 + 0.51", a: "11.49", b: "0.51", expected: "12" },
    { seed: "0.1 + 0.2 is exactly 0.3", a: "0.1", b: "0.2", expected: "0.3" },
  ])("adds $seed → $expected", ({ a, b, expected }) => {
    expect(addDecimals(a, b)).toBe(expected);
  });

  it.each([
    { seed: "NI 198 primary: 44% car less 5 points", a: "44", b: "5", expected: "39" },
    { seed: "NI 47: 1183 less 591.5", a: "1183", b: "591.5", expected: "591.5" },
    { seed: "NI 191: 860 kg to 762 kg is 98 kg less", a: "860", b: "762", expected: "98" },
    { seed: "NI 55: 9.4% to 9.6% is a rise of 0.2", a: "9.4", b: "9.6", expected: "-0.2" },
    { seed: "NI 117: 5.27% to 4.8%", a: "5.27", b: "4.8", expected: "0.47" },
  ])("subtracts $seed → $expected", ({ a, b, expected }) => {
    expect(subtractDecimals(a, b)).toBe(expected);
  });

  it.each([
    { seed: "NI 197: 231 × 1.15", a: "231", b: "1.15", expected: "265.65" },
    { seed: "NI 47: 1183 × 0.5", a: "1183", b: "0.5", expected: "591.5" },
    { seed: "a fall times a fall is a rise", a: "-0.2", b: "-5", expected: "1" },
  ])("multiplies $seed → $expected", ({ a, b, expected }) => {
    expect(multiplyDecimals(a, b)).toBe(expected);
  });

  it.each([
    { seed: "NI 47: 1183 halved", a: "1183", b: "2", places: undefined, expected: "591.5" },
    { seed: "NI 155: 4284 over 3 years", a: "4284", b: "3", places: undefined, expected: "1428" },
    { seed: "terminating quotient keeps every place", a: "2859", b: "8", places: 0, expected: "357.375" },
    { seed: "NI 47: 591.5 of 1183 is half", a: "591.5", b: "1183", places: undefined, expected: "0.5" },
    { seed: "a third, to the default 10 places", a: "1", b: "3", places: undefined, expected: "0.3333333333" },
    { seed: "two thirds rounds up", a: "2", b: "3", places: 2, expected: "0.67" },
    { seed: "a negative third rounds away from zero", a: "-2", b: "3", places: 2, expected: "-0.67" },
    { seed: "NI 191: 98 kg of 860 kg", a: "98", b: "860", places: 4, expected: "0.114" },
  ])("divides $seed → $expected", ({ a, b, places, expected }) => {
    expect(divideDecimals(a, b, places)).toBe(expected);
  });

  it("refuses to divide by zero (NI 155's baseline is 0)", () => {
    expect(() => divideDecimals("1356", "0")).toThrow(DomainError);
    expect(() => divideDecimals("1356", "0.00")).toThrow(/by zero/);
  });
});

describe("compareDecimals", () => {
  it.each([
    { seed: "NI 47 target 592 is below the baseline 1183", a: "592", b: "1183", expected: -1 },
    { seed: "NI 55 target 9.6 is above the baseline 9.4", a: "9.6", b: "9.4", expected: 1 },
    { seed: "NI 159 maintain at 42 equals 42.0", a: "42", b: "42.0", expected: 0 },
    { seed: "9.10 is less than 9.6, not more", a: "9.10", b: "9.6", expected: -1 },
    { seed: "-5 is below -0.5", a: "-5", b: "-0.5", expected: -1 },
  ])("$seed", ({ a, b, expected }) => {
    expect(compareDecimals(a, b)).toBe(expected);
  });
});

describe("roundDecimal and percentageOf", () => {
  it.each([
    { seed: "NI 47: 591.5 is printed 592", value: "591.5", places: 0, expected: "592" },
    { seed: "NI 197: 265.65 to whole sites", value: "265.65", places: 0, expected: "266" },
    { seed: "a fall of 0.445 to two places", value: "-0.445", places: 2, expected: "-0.45" },
    { seed: "already short enough", value: "9.6", places: 2, expected: "9.6" },
  ])("rounds $seed → $expected", ({ value, places, expected }) => {
    expect(roundDecimal(value, places)).toBe(expected);
  });

  it.each([
    { seed: "NI 47: 50% of 1183", value: "1183", percent: "50", expected: "591.5" },
    { seed: "NI 197: 15% of 231", value: "231", percent: "15", expected: "34.65" },
    { seed: "NI 163: 2% of 67.5", value: "67.5", percent: "2", expected: "1.35" },
    { seed: "NI 186: 11% of 7.5 tons", value: "7.5", percent: "11", expected: "0.825" },
  ])("$seed is $expected", ({ value, percent, expected }) => {
    expect(percentageOf(value, percent)).toBe(expected);
  });
});
