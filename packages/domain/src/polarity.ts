/**
 * Which way is better for an indicator. Targets are proposed by partners and challenged by the
 * Government Office; a target worse than the baseline is not wrong (NI 55's obesity target rose
 * from 9.4% to 9.6% and was agreed with GOSE) but it deserves to be seen.
 */
import { compareDecimals } from "./decimal.js";
import type { Polarity } from "./vocabulary.js";

/** True when the target would leave things worse than the baseline, for this polarity. */
export function isWorseThanBaseline(polarity: Polarity, baseline: string, target: string): boolean {
  switch (polarity) {
    case "lower-is-better":
      return compareDecimals(target, baseline) > 0;
    case "higher-is-better":
      return compareDecimals(target, baseline) < 0;
    case "band":
    case "unknown":
      // Neither up nor down is worse in itself: a band is judged against its limits.
      return false;
  }
}

const directions: Record<Polarity, string> = {
  "higher-is-better": "Higher is better",
  "lower-is-better": "Lower is better",
  band: "Best within a band",
  unknown: "Direction not yet known",
};

/** The words shown beside an indicator: "Lower is better". */
export function direction(polarity: Polarity): string {
  return directions[polarity];
}
