/** The reward grant in the partnership's words. */
import { formatPounds } from "@accord/domain";
import type { AssumptionField, PaymentView } from "./contracts";

export const pounds = (amount: string | null): string | null => (amount === null ? null : formatPounds(amount));

export const assumptionLabels: Record<AssumptionField, { label: string; unit: "pounds" | "percent"; hint: string }> = {
  nationalPot: { label: "National pot", unit: "pounds", hint: "For this round of agreements, in pounds" },
  previousNationalPot: { label: "Previous round's national pot", unit: "pounds", hint: "In pounds" },
  sharePercent: { label: "Kent's share of the national pot", unit: "percent", hint: "Percent; Kent's rule of thumb is about 2%" },
  achievementPercent: { label: "Share of the whole agreement achieved", unit: "percent", hint: "Percent; 100 assumes it is all achieved" },
  quotedLow: { label: "Quoted range, from", unit: "pounds", hint: "In pounds" },
  quotedHigh: { label: "Quoted range, to", unit: "pounds", hint: "In pounds" },
  predecessorTotalPossible: { label: "Previous agreement's total possible reward", unit: "pounds", hint: "In pounds" },
  totalPossible: { label: "This agreement's total possible reward", unit: "pounds", hint: "In pounds, where it is known" },
};
export const assumptionFields = Object.keys(assumptionLabels) as AssumptionField[];

export function assumptionWords(field: AssumptionField, value: string | null): string | null {
  if (value === null) return null;
  return assumptionLabels[field].unit === "pounds" ? formatPounds(value) : `${value}%`;
}

export function outcomeWords(payment: PaymentView): string {
  if (payment.reason === "no-actual") return "No value yet";
  if (payment.reason === "no-improvement-agreed") return "No improvement agreed: the stretch target equals the performance expected without it";
  switch (payment.outcome) {
    case "paid-in-full":
      return "Paid in full";
    case "paid-in-part":
      return "Paid in part";
    case "below-threshold":
      return `Below ${payment.threshold}% of the improvement: nothing paid`;
    case "nothing-achieved":
      return "No improvement achieved: nothing paid";
    default:
      return "Not worked out";
  }
}

/** "£500,000 (50% of the pot)" or, without a pot, "50% of the pot". */
export function paymentWords(payment: PaymentView | null): string | null {
  if (payment === null || payment.paidPercent === null) return null;
  const share = `${payment.paidPercent}% of the pot`;
  return payment.payment === null ? share : `${formatPounds(payment.payment)} (${share})`;
}
