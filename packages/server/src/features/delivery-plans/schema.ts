/**
 * What a countywide delivery plan accepts and answers (seed 000 §10): its actions, milestones,
 * risks and the signed-up partners who contribute, written whole under the plan's version.
 */
import { z } from "zod";
import { IsoDate, deliveryActionStatuses } from "@accord/domain";
import { OrganisationSlug } from "../../http/route-schemas.js";

const Version = z.number({ error: "must be the version number you read" }).int("must be a whole number").positive("must be 1 or more");
const Words = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const OptionalWords = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();
const OneToFive = z.number({ error: "must be a number from 1 to 5" }).int("must be a whole number from 1 to 5").min(1, "must be 1 to 5").max(5, "must be 1 to 5");

export const DeliveryActionBody = z
  .object({
    what: Words(1000),
    /** The owning organisation, one signed up to the indicator. */
    organisation: OrganisationSlug,
    officer: OptionalWords(200),
    startDate: IsoDate.nullable().optional(),
    dueDate: IsoDate,
    status: z.enum(deliveryActionStatuses, { error: `must be one of ${deliveryActionStatuses.join(", ")}` }),
    percentComplete: z
      .number({ error: "must be a whole number from 0 to 100" })
      .int("must be a whole number from 0 to 100")
      .min(0, "must be 0 to 100")
      .max(100, "must be 0 to 100"),
  })
  .strict();

export const DeliveryMilestoneBody = z.object({ what: Words(1000), date: IsoDate, met: z.boolean({ error: "must be true or false" }) }).strict();

export const DeliveryRiskBody = z
  .object({ description: Words(1000), likelihood: OneToFive, impact: OneToFive, mitigation: OptionalWords(2000), owner: OptionalWords(200) })
  .strict();

export const SaveDeliveryPlanBody = z
  .object({
    /** The date the actions' progress is reported as at. */
    progressAsAt: IsoDate,
    actions: z.array(DeliveryActionBody).max(200, "must be at most 200 actions"),
    milestones: z.array(DeliveryMilestoneBody).max(200, "must be at most 200 milestones"),
    risks: z.array(DeliveryRiskBody).max(200, "must be at most 200 risks"),
    /** The signed-up partners who contribute to delivery, by organisation slug. */
    contributors: z.array(OrganisationSlug).max(200, "must be at most 200 partners"),
    /** The version you read; absent only when the indicator has no plan yet. */
    version: Version.optional(),
  })
  .strict();
export type SaveDeliveryPlanBody = z.infer<typeof SaveDeliveryPlanBody>;

// The answers are shaped once, in @accord/domain, so the web app reads them with the same schemas.
export { DeliveryPlanContent, DeliveryPlanView } from "@accord/domain";
