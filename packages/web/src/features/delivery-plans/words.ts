/** A delivery plan in counts, as the page, the history and the report say it. */
import { plural } from "@accord/domain";
import type { DeliveryPlanContent } from "./contracts";

export function summaryWords(summary: DeliveryPlanContent["summary"]): string {
  return [
    `${plural(summary.actions, "action")}, ${summary.overdueActions} overdue`,
    `${plural(summary.milestones, "milestone")}, ${summary.milestonesMet} met`,
    `${plural(summary.risks, "risk")}, ${summary.redRisks} red`,
  ].join("; ");
}
