/**
 * What the delivery plan endpoint answers (issue 11 point 1), shaped once here so the server answers
 * with it and the web app reads it with the same schema. What a plan accepts stays in the server's
 * delivery-plans/schema.ts, with its checks and messages.
 */
import { z } from "zod";
import { deliveryActionStatuses } from "./delivery-plans.js";

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
      /** Due before progressAsAt and not complete. */
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
  /** null: no plan written yet. */
  plan: DeliveryPlanContent.nullable(),
  /** Who may be chosen as an action's owner or a contributor: the organisations signed up to the indicator. */
  signedUpPartners: z.array(Organisation.extend({ roles: z.array(z.string()) })),
  /** The score from which a risk is red (likelihood × impact). */
  redRiskScore: z.number().int(),
  mayEdit: z.boolean(),
});
export type DeliveryPlanView = z.infer<typeof DeliveryPlanView>;
