/** What the delivery plan endpoint answers (server: features/delivery-plans/schema.ts). */
import { z } from "zod";
import { deliveryActionStatuses } from "@accord/domain";

const Organisation = z.object({ organisation: z.string(), name: z.string() });

export const DeliveryPlanContent = z.object({
  progressAsAt: z.string(),
  source: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  actions: z.array(
    z.object({
      what: z.string(),
      organisation: z.string(),
      organisationName: z.string(),
      officer: z.string().nullable(),
      startDate: z.string().nullable(),
      dueDate: z.string(),
      status: z.enum(deliveryActionStatuses),
      percentComplete: z.number().int(),
      overdue: z.boolean(),
    }),
  ),
  milestones: z.array(z.object({ what: z.string(), date: z.string(), met: z.boolean() })),
  risks: z.array(
    z.object({
      description: z.string(),
      likelihood: z.number().int(),
      impact: z.number().int(),
      score: z.number().int(),
      red: z.boolean(),
      mitigation: z.string().nullable(),
      owner: z.string().nullable(),
    }),
  ),
  contributors: z.array(Organisation),
  summary: z.object({
    actions: z.number().int(),
    overdueActions: z.number().int(),
    risks: z.number().int(),
    redRisks: z.number().int(),
    milestones: z.number().int(),
    milestonesMet: z.number().int(),
  }),
});
export type DeliveryPlanContent = z.infer<typeof DeliveryPlanContent>;

export const DeliveryPlanView = z.object({
  indicator: z.string(),
  key: z.string(),
  plan: DeliveryPlanContent.nullable(),
  signedUpPartners: z.array(Organisation.extend({ roles: z.array(z.string()) })),
  redRiskScore: z.number().int(),
  mayEdit: z.boolean(),
});
export type DeliveryPlanView = z.infer<typeof DeliveryPlanView>;

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
