/**
 * A countywide delivery plan's flags (seed 000 §10), the same on the page, in the API and in the
 * performance report.
 */

export const deliveryActionStatuses = ["not started", "on track", "behind", "complete"] as const;
export type DeliveryActionStatus = (typeof deliveryActionStatuses)[number];

/**
 * A risk scored likelihood × impact on the usual 5 × 5 grid is red at 15 or more: the top band of
 * the common red/amber/green risk matrix (15–25), so "likely and major" (4 × 4), "almost certain
 * and moderate" (5 × 3) and anything worse is red, and "possible and major" (3 × 4 = 12) is not.
 */
export const redRiskScore = 15;

export function riskScore(risk: { likelihood: number; impact: number }): number {
  return risk.likelihood * risk.impact;
}

export function isRedRisk(risk: { likelihood: number; impact: number }): boolean {
  return riskScore(risk) >= redRiskScore;
}

/** Overdue: due before the date progress is reported as at, and not complete. Dates are YYYY-MM-DD. */
export function isOverdueAction(action: { dueDate: string; status: DeliveryActionStatus }, asAt: string): boolean {
  return action.status !== "complete" && action.dueDate < asAt;
}
