/**
 * The Performance Reward Grant: what hitting a stretch target is worth.
 *
 * LPSA2 style, per reward target. Seed 003 l.447: "the potential performance reward grant will
 * apply only to targets embedded in LPSA2". Each reward target carries a pot; the payment is the
 * pot times the share of the agreed improvement achieved — the actual measured from the
 * performance expected without the stretch, up to the stretch target — nothing below 60% of it,
 * and never more than the whole pot. Seed 003 l.1135 asks for a freedom: "The Performance Reward
 * Grant to be awarded on a pro rata basis without the necessity of achieving the normal baseline
 * of 60% of the target", for a '"Guaranteed" reward for support with this client group'; the
 * proRata switch shows what that freedom is worth.
 *
 * KA2 style, the whole agreement. Seed 000 §12: "the national pot for performance reward grant
 * for this new round of LAAs has been set at £340m. This is a reduction from the national pot of
 * £1.2bn"; "it does seem likely that, rather than an allocation of reward per indicator, an
 * assessment will be made on the overall level of achievement of the whole agreement"; "Using the
 * usual 'rule of thumb' that Kent tends to receive approximately 2% of any national figure, this
 * would suggest a Kent PRG of between £6m - £8m. In comparison, the total possible reward for
 * Kent Agreement 1 is £36m." Every assumption is an input and is handed back beside the result.
 *
 * Amounts are pounds as decimal text; every figure is exact (decimal.ts), payments to the penny.
 */
import {
  addDecimals,
  compareDecimals,
  divideDecimals,
  multiplyDecimals,
  percentageOf,
  roundDecimal,
  subtractDecimals,
} from "./decimal.js";

/** Seed 003 l.1135: "the normal baseline of 60% of the target". */
export const rewardThresholdPercent = "60";

export interface RewardTargetInput {
  /** The reward grant this target can earn, in pounds; null where the agreement gives none. */
  pot: string | null;
  /** The performance expected without the stretch, at the target's date. */
  withoutStretch: string;
  /** The stretch target. */
  stretchTarget: string;
  /** The value achieved (or projected); null when there is none yet. */
  actual: string | null;
  /** The freedom sought in seed 003 l.1135: pro rata, with no 60% threshold. */
  proRata: boolean;
  /** Percent of the agreed improvement below which nothing is paid; 60 unless given. */
  thresholdPercent?: string;
}

export type RewardNotWorkedOut = "no-actual" | "no-improvement-agreed";

export interface RewardTargetPayment {
  /** The improvement the stretch asks for: stretch target − performance expected without it. */
  stretch: string;
  /** Share of the agreed improvement achieved, as a percentage to one place ("50"); null with a reason. */
  achievedPercent: string | null;
  /** Share of the pot paid, as a percentage to one place: 0, or the achieved share up to 100. */
  paidPercent: string | null;
  /** The payment in pounds to the penny; null without a pot or without an achieved share. */
  payment: string | null;
  /** "below-threshold" when something was achieved but less than the threshold (and not pro rata). */
  outcome: "paid-in-full" | "paid-in-part" | "below-threshold" | "nothing-achieved" | null;
  reason: RewardNotWorkedOut | null;
  threshold: string;
}

function clampShare(share: string): string {
  if (compareDecimals(share, "0") < 0) return "0";
  if (compareDecimals(share, "1") > 0) return "1";
  return share;
}

/**
 * The LPSA2-style payment for one reward target. Works the same way for "lower is better": the
 * stretch and the achievement are both negative there, so their ratio is the share achieved.
 */
export function rewardTargetPayment(input: RewardTargetInput): RewardTargetPayment {
  const threshold = input.thresholdPercent ?? rewardThresholdPercent;
  const stretch = subtractDecimals(input.stretchTarget, input.withoutStretch);
  const none = { stretch, achievedPercent: null, paidPercent: null, payment: null, outcome: null, threshold };
  if (compareDecimals(stretch, "0") === 0) return { ...none, reason: "no-improvement-agreed" };
  if (input.actual === null) return { ...none, reason: "no-actual" };

  const achieved = divideDecimals(subtractDecimals(input.actual, input.withoutStretch), stretch);
  const achievedPercent = multiplyDecimals(achieved, "100");
  let paidShare = clampShare(achieved);
  let outcome: RewardTargetPayment["outcome"];
  if (compareDecimals(paidShare, "0") === 0) outcome = "nothing-achieved";
  else if (!input.proRata && compareDecimals(achievedPercent, threshold) < 0) {
    paidShare = "0";
    outcome = "below-threshold";
  } else outcome = compareDecimals(paidShare, "1") === 0 ? "paid-in-full" : "paid-in-part";

  return {
    stretch,
    achievedPercent: roundDecimal(achievedPercent, 1),
    paidPercent: roundDecimal(multiplyDecimals(paidShare, "100"), 1),
    payment: input.pot === null ? null : roundDecimal(multiplyDecimals(input.pot, paidShare), 2),
    outcome,
    reason: null,
    threshold,
  };
}

export interface AgreementRewardAssumptions {
  /** Seed 000 §12: £340m for this round of LAAs. */
  nationalPot: string | null;
  /** Seed 000 §12: £1.2bn for the first round. */
  previousNationalPot: string | null;
  /** Seed 000 §12: "approximately 2% of any national figure". */
  sharePercent: string | null;
  /** How much of the whole agreement is achieved, in percent; 100 assumes it all. */
  achievementPercent: string | null;
  /** Seed 000 §12: the range Kent's officers gave, "between £6m - £8m". */
  quotedLow: string | null;
  quotedHigh: string | null;
  /** Seed 000 §12: "the total possible reward for Kent Agreement 1 is £36m". */
  predecessorTotalPossible: string | null;
}

export interface AgreementRewardEstimate {
  /** national pot × share (the most Kent could expect); null while either is unknown. */
  possible: string | null;
  /** possible × achievement; null while any is unknown. */
  estimate: string | null;
  /** The national pot as a percentage of the previous round's, to one place ("28.3"). */
  nationalPotAgainstPrevious: string | null;
  /** The possible reward as a percentage of the predecessor agreement's total possible. */
  possibleAgainstPredecessor: string | null;
  /** Whether the possible reward falls inside the quoted range, when both ends are given. */
  withinQuotedRange: boolean | null;
  /** The working in words: "2% of £340,000,000 = £6,800,000". */
  working: string[];
}

/** £6800000 → "£6,800,000"; pence kept only when there are some. */
export function formatPounds(amount: string): string {
  const [whole = "0", pence] = roundDecimal(amount, 2).replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = amount.trim().startsWith("-") && compareDecimals(amount, "0") !== 0 ? "-" : "";
  return `${sign}£${grouped}${pence ? `.${pence.padEnd(2, "0")}` : ""}`;
}

function percentOf(part: string, whole: string | null): string | null {
  if (whole === null || compareDecimals(whole, "0") === 0) return null;
  return roundDecimal(multiplyDecimals(divideDecimals(part, whole), "100"), 1);
}

/** The KA2-style estimate for a whole agreement, every assumption an input. */
export function estimateAgreementReward(assumptions: AgreementRewardAssumptions): AgreementRewardEstimate {
  const { nationalPot, sharePercent, achievementPercent, quotedLow, quotedHigh } = assumptions;
  const working: string[] = [];
  const possible = nationalPot !== null && sharePercent !== null ? percentageOf(nationalPot, sharePercent) : null;
  if (possible !== null && nationalPot !== null) {
    working.push(`${sharePercent}% of ${formatPounds(nationalPot)} = ${formatPounds(possible)}`);
  }
  const estimate = possible !== null && achievementPercent !== null ? percentageOf(possible, achievementPercent) : null;
  if (estimate !== null && possible !== null) {
    working.push(`${achievementPercent}% achieved of ${formatPounds(possible)} = ${formatPounds(roundDecimal(estimate, 2))}`);
  }
  const nationalPotAgainstPrevious =
    nationalPot === null ? null : percentOf(nationalPot, assumptions.previousNationalPot);
  if (nationalPotAgainstPrevious !== null && nationalPot !== null && assumptions.previousNationalPot !== null) {
    working.push(
      `${formatPounds(nationalPot)} is ${nationalPotAgainstPrevious}% of the previous round's ${formatPounds(assumptions.previousNationalPot)}`,
    );
  }
  const possibleAgainstPredecessor =
    possible === null ? null : percentOf(possible, assumptions.predecessorTotalPossible);
  if (possibleAgainstPredecessor !== null && possible !== null && assumptions.predecessorTotalPossible !== null) {
    working.push(
      `${formatPounds(possible)} is ${possibleAgainstPredecessor}% of the previous agreement's total possible ` +
        `${formatPounds(assumptions.predecessorTotalPossible)}`,
    );
  }
  const withinQuotedRange =
    possible === null || quotedLow === null || quotedHigh === null
      ? null
      : compareDecimals(possible, quotedLow) >= 0 && compareDecimals(possible, quotedHigh) <= 0;
  return {
    possible,
    estimate: estimate === null ? null : roundDecimal(estimate, 2),
    nationalPotAgainstPrevious,
    possibleAgainstPredecessor,
    withinQuotedRange,
    working,
  };
}

export interface TrajectorySoFarPoint {
  /** Days from any fixed day (the caller's choice), so the line can be drawn. */
  day: number;
  value: string;
}

/**
 * Where performance would stand on targetDay if it kept the line from the baseline through the
 * latest actual: "if performance followed the trajectory so far". Null without an actual after
 * the baseline.
 */
export function projectTrajectorySoFar(
  baseline: TrajectorySoFarPoint,
  latest: TrajectorySoFarPoint | null,
  targetDay: number,
): string | null {
  if (latest === null || latest.day <= baseline.day) return null;
  const change = subtractDecimals(latest.value, baseline.value);
  const perDays = divideDecimals(multiplyDecimals(change, String(targetDay - baseline.day)), String(latest.day - baseline.day));
  return roundDecimal(addDecimals(baseline.value, perDays), 4);
}

export interface NegotiationPosition {
  /** "proposal" or "counter-proposal", as the thread names it. */
  kind: "proposal" | "counter-proposal";
  /** The final year's target this position works out at. */
  target: string | null;
}

export interface NegotiationWhatIf {
  kind: NegotiationPosition["kind"];
  target: string | null;
  /** The improvement asked for beyond the performance expected without the stretch. */
  stretch: string | null;
  payment: RewardTargetPayment | null;
}

/**
 * Beside a proposal and a counter-proposal, the stretch each asks and the reward each would earn
 * if performance reached `projected` (the trajectory so far). The easier target earns more of
 * the pot for the same performance; the what-if makes that trade visible in negotiation.
 */
export function negotiationWhatIf(options: {
  positions: readonly NegotiationPosition[];
  withoutStretch: string | null;
  projected: string | null;
  pot: string | null;
  proRata: boolean;
  thresholdPercent?: string;
}): NegotiationWhatIf[] {
  return options.positions.map(({ kind, target }) => {
    if (target === null || options.withoutStretch === null) return { kind, target, stretch: null, payment: null };
    const payment = rewardTargetPayment({
      pot: options.pot,
      withoutStretch: options.withoutStretch,
      stretchTarget: target,
      actual: options.projected,
      proRata: options.proRata,
      ...(options.thresholdPercent === undefined ? {} : { thresholdPercent: options.thresholdPercent }),
    });
    return { kind, target, stretch: payment.stretch, payment };
  });
}
