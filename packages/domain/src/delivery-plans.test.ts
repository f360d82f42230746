import { describe, expect, it } from "vitest";
import { isOverdueAction, isRedRisk, riskScore } from "./delivery-plans.js";

describe("delivery plan flags", () => {
  it.each([
    { action: { dueDate: "2009-06-30", status: "on track" as const }, asAt: "2009-09-30", overdue: true, why: "due before the as-at date, not complete" },
    { action: { dueDate: "2009-06-30", status: "complete" as const }, asAt: "2009-09-30", overdue: false, why: "complete" },
    { action: { dueDate: "2009-09-30", status: "behind" as const }, asAt: "2009-09-30", overdue: false, why: "due on the as-at date itself" },
    { action: { dueDate: "2010-03-31", status: "not started" as const }, asAt: "2009-09-30", overdue: false, why: "not yet due" },
  ])("an action is overdue: $overdue when $why", ({ action, asAt, overdue }) => {
    expect(isOverdueAction(action, asAt)).toBe(overdue);
  });

  it.each([
    { likelihood: 3, impact: 5, score: 15, red: true },
    { likelihood: 5, impact: 5, score: 25, red: true },
    { likelihood: 3, impact: 4, score: 12, red: false },
    { likelihood: 1, impact: 1, score: 1, red: false },
  ])("a risk of likelihood $likelihood × impact $impact scores $score, red: $red", ({ likelihood, impact, score, red }) => {
    expect(riskScore({ likelihood, impact })).toBe(score);
    expect(isRedRisk({ likelihood, impact })).toBe(red);
  });
});
