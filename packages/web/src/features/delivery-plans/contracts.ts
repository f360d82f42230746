/** What the delivery plan endpoint answers is shaped in @accord/domain; what the form sends is typed here. */
import type { deliveryActionStatuses } from "@accord/domain";

export { DeliveryPlanContent, DeliveryPlanView } from "@accord/domain";

export interface SaveDeliveryPlanBody {
  progressAsAt: string;
  actions: {
    what: string;
    organisation: string;
    officer: string | null;
    startDate: string | null;
    dueDate: string;
    status: (typeof deliveryActionStatuses)[number];
    percentComplete: number;
  }[];
  milestones: { what: string; date: string; met: boolean }[];
  risks: { description: string; likelihood: number; impact: number; mitigation: string | null; owner: string | null }[];
  contributors: string[];
  version?: number;
}
