import { describe, expect, it } from "vitest";
import { direction, isWorseThanBaseline } from "./polarity.js";
import type { Polarity } from "./vocabulary.js";

describe("isWorseThanBaseline", () => {
  it.each<{ seed: string; polarity: Polarity; baseline: string; target: string; worse: boolean }>([
    { seed: "NI 47: killed or seriously injured 1183 → 592", polarity: "lower-is-better", baseline: "1183", target: "592", worse: false },
    { seed: "NI 55: obesity in Reception 9.4% → 9.6%", polarity: "lower-is-better", baseline: "9.4", target: "9.6", worse: true },
    { seed: "NI 191: residual waste 860 kg → 762 kg", polarity: "lower-is-better", baseline: "860", target: "762", worse: false },
    { seed: "NI 159: maintain at 42", polarity: "higher-is-better", baseline: "42", target: "42.0", worse: false },
    { seed: "NI 141: independent living 65.7 → 66.7", polarity: "higher-is-better", baseline: "65.7", target: "66.7", worse: false },
    { seed: "NI 163: Level 2 qualified 67.5%, if set at 66%", polarity: "higher-is-better", baseline: "67.5", target: "66", worse: true },
    { seed: "a band indicator moving either way", polarity: "band", baseline: "10", target: "20", worse: false },
    { seed: "NI 175: polarity not yet known", polarity: "unknown", baseline: "10", target: "5", worse: false },
  ])("$seed: worse than baseline is $worse", ({ polarity, baseline, target, worse }) => {
    expect(isWorseThanBaseline(polarity, baseline, target)).toBe(worse);
  });
});

describe("direction", () => {
  it.each<{ polarity: Polarity; expected: string }>([
    { polarity: "higher-is-better", expected: "Higher is better" },
    { polarity: "lower-is-better", expected: "Lower is better" },
    { polarity: "band", expected: "Best within a band" },
    { polarity: "unknown", expected: "Direction not yet known" },
  ])("$polarity reads \"$expected\"", ({ polarity, expected }) => {
    expect(direction(polarity)).toBe(expected);
  });
});
