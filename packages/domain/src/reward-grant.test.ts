import { describe, expect, it } from "vitest";
import {
  estimateAgreementReward,
  formatPounds,
  negotiationWhatIf,
  projectTrajectorySoFar,
  rewardTargetPayment,
} from "./reward-grant.js";

// An LPSA2 reward target with a £1,000,000 pot (illustrative: the seeds give no pot per target):
// expected 100 without the stretch, stretch target 200, so the agreed improvement is 100.
const pot = "1000000";

describe("rewardTargetPayment (LPSA2, seed 003 l.447, l.1135)", () => {
  it.each([
    // achieved, proRata, achieved %, paid %, payment, outcome
    { row: "below 60% pays nothing", actual: "159", proRata: false, achieved: "59", paid: "0", payment: "0", outcome: "below-threshold" },
    { row: "60% pays 60% of the pot", actual: "160", proRata: false, achieved: "60", paid: "60", payment: "600000", outcome: "paid-in-part" },
    { row: "80% pays 80%", actual: "180", proRata: false, achieved: "80", paid: "80", payment: "800000", outcome: "paid-in-part" },
    { row: "100% pays the whole pot", actual: "200", proRata: false, achieved: "100", paid: "100", payment: "1000000", outcome: "paid-in-full" },
    { row: "120% pays 100%, no more", actual: "220", proRata: false, achieved: "120", paid: "100", payment: "1000000", outcome: "paid-in-full" },
    { row: "pro rata pays 50% at 50%", actual: "150", proRata: true, achieved: "50", paid: "50", payment: "500000", outcome: "paid-in-part" },
    { row: "without the freedom 50% pays nothing", actual: "150", proRata: false, achieved: "50", paid: "0", payment: "0", outcome: "below-threshold" },
    { row: "going backwards pays nothing, even pro rata", actual: "90", proRata: true, achieved: "-10", paid: "0", payment: "0", outcome: "nothing-achieved" },
  ])("$row", ({ actual, proRata, achieved, paid, payment, outcome }) => {
    const result = rewardTargetPayment({ pot, withoutStretch: "100", stretchTarget: "200", actual, proRata });
    expect(result).toMatchObject({ stretch: "100", achievedPercent: achieved, paidPercent: paid, payment, outcome, reason: null });
  });

  it("works for lower is better: expected 1000 without the stretch, stretch 900, actual 940 is 60%", () => {
    const result = rewardTargetPayment({ pot, withoutStretch: "1000", stretchTarget: "900", actual: "940", proRata: false });
    expect(result).toMatchObject({ stretch: "-100", achievedPercent: "60", paidPercent: "60", payment: "600000" });
  });

  it("pays to the penny with exact decimals: a third of the improvement, pro rata, of £100", () => {
    const result = rewardTargetPayment({ pot: "100", withoutStretch: "0", stretchTarget: "3", actual: "1", proRata: true });
    expect(result).toMatchObject({ achievedPercent: "33.3", payment: "33.33" });
  });

  it.each([
    { row: "no pot given: the share, no amount", pot: null, actual: "160", payment: null, reason: null },
    { row: "no actual yet", pot, actual: null, payment: null, reason: "no-actual" },
  ])("$row", ({ pot: given, actual, payment, reason }) => {
    const result = rewardTargetPayment({ pot: given, withoutStretch: "100", stretchTarget: "200", actual, proRata: false });
    expect(result).toMatchObject({ payment, reason });
  });

  it("a target with no improvement agreed cannot be worked out", () => {
    const result = rewardTargetPayment({ pot, withoutStretch: "42", stretchTarget: "42", actual: "42", proRata: false });
    expect(result).toMatchObject({ reason: "no-improvement-agreed", payment: null });
  });
});

describe("estimateAgreementReward (KA2, seed 000 §12)", () => {
  const seed = {
    nationalPot: "340000000",
    previousNationalPot: "1200000000",
    sharePercent: "2",
    achievementPercent: "100",
    quotedLow: "6000000",
    quotedHigh: "8000000",
    predecessorTotalPossible: "36000000",
  };

  it("2% of £340m = £6.8m, inside Kent's £6m–£8m, with the working shown", () => {
    const result = estimateAgreementReward(seed);
    expect(result).toMatchObject({
      possible: "6800000",
      estimate: "6800000",
      withinQuotedRange: true,
      nationalPotAgainstPrevious: "28.3",
      possibleAgainstPredecessor: "18.9",
    });
    expect(result.working[0]).toBe("2% of £340,000,000 = £6,800,000");
  });

  it.each([
    { row: "75% of the agreement achieved", change: { achievementPercent: "75" }, possible: "6800000", estimate: "5100000" },
    { row: "a 2.5% share", change: { sharePercent: "2.5" }, possible: "8500000", estimate: "8500000" },
    { row: "no share assumed yet", change: { sharePercent: null }, possible: null, estimate: null },
  ])("$row", ({ change, possible, estimate }) => {
    expect(estimateAgreementReward({ ...seed, ...change })).toMatchObject({ possible, estimate });
  });

  it("2.5% falls outside the quoted range", () => {
    expect(estimateAgreementReward({ ...seed, sharePercent: "2.5" }).withinQuotedRange).toBe(false);
  });
});

describe("formatPounds", () => {
  it.each([
    ["6800000", "£6,800,000"],
    ["33.3", "£33.30"],
    ["0", "£0"],
  ])("%s → %s", (amount, words) => expect(formatPounds(amount)).toBe(words));
});

describe("negotiation what-if", () => {
  it("follows the trajectory so far: 1183 at day 0, 1010 a year on, is 664 after three years", () => {
    expect(projectTrajectorySoFar({ day: 0, value: "1183" }, { day: 365, value: "1010" }, 1095)).toBe("664");
  });

  it("has no trajectory without an actual after the baseline", () => {
    expect(projectTrajectorySoFar({ day: 0, value: "1183" }, null, 1095)).toBeNull();
  });

  it("the counter-proposal asks more stretch and, on the same trajectory, earns less", () => {
    // NI 47-like: 1183 expected without stretch; proposal 592, a tougher counter-proposal 532.
    const [proposal, counter] = negotiationWhatIf({
      positions: [
        { kind: "proposal", target: "592" },
        { kind: "counter-proposal", target: "532" },
      ],
      withoutStretch: "1183",
      projected: "664",
      pot: "1000000",
      proRata: false,
    });
    expect(proposal).toMatchObject({ stretch: "-591", payment: { achievedPercent: "87.8", payment: "878172.59" } });
    expect(counter).toMatchObject({ stretch: "-651", payment: { achievedPercent: "79.7", payment: "797235.02" } });
  });

  it("a position without a target shows no stretch", () => {
    const [only] = negotiationWhatIf({ positions: [{ kind: "proposal", target: null }], withoutStretch: "1", projected: "1", pot: null, proRata: false });
    expect(only).toEqual({ kind: "proposal", target: null, stretch: null, payment: null });
  });
});
