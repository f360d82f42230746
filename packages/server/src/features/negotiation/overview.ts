/** What is still open in the negotiation against the next deadline: one reading for the API, bulletins and "my work". */
import { isNegotiationOpen, statusAsAt } from "@accord/domain";
import type { PresentedAgreement } from "../agreements/presenters.js";

export function negotiationOverview(agreement: PresentedAgreement, today: string) {
  const next = agreement.detail.deadlines.find((deadline) => deadline.date >= today) ?? agreement.detail.deadlines.at(-1) ?? null;
  const openIndicators = agreement.indicators
    .filter((indicator) => indicator.kind === "designated" && indicator.state === "active")
    .filter((indicator) => {
      const status = statusAsAt(indicator.statusHistory, today);
      return status === "not-started" || isNegotiationOpen(status);
    })
    .map((indicator) => indicator.code);
  const daysLeft = next ? Math.round((Date.parse(`${next.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000) : 0;
  return { deadline: next ? { ...next, daysLeft } : null, open: openIndicators.length, openIndicators };
}
