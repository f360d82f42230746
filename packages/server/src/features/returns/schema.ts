/**
 * What a monitoring return accepts and answers (seed 000 §11: per indicator a data collection and
 * a text update, by its accountable officer); every field checked by zod at the edge.
 */
import { z } from "zod";
import { performanceStatuses } from "@accord/domain";
import { IndicatorKey } from "../../http/route-schemas.js";
import { RoundParams } from "../rounds/schema.js";

export const ReturnParams = RoundParams.extend({ key: IndicatorKey });
/** A district by its ONS code (E07000114 is Thanet). */
export const DistrictReturnParams = ReturnParams.extend({
  code: z.string().regex(/^[A-Za-z0-9]{1,20}$/, "must be a district's ONS code such as E07000114"),
});

const Version = z
  .number({ error: "must be the version number you read" })
  .int("must be a whole number")
  .positive("must be 1 or more");

const UpdateText = z.string().trim().max(10_000, "must be at most 10,000 characters");

export const SaveReturnBody = z
  .object({
    progress: UpdateText.optional(),
    issuesAndRisks: UpdateText.optional(),
    nextActions: UpdateText.optional(),
    /** The officer's own judgement, shown beside the status worked out from the values; null clears it. */
    selfAssessedStatus: z.enum(performanceStatuses).nullable().optional(),
    /** The version you read; absent only when the return has not been started. */
    version: Version.optional(),
  })
  .strict();
export type SaveReturnBody = z.infer<typeof SaveReturnBody>;

export const SubmitReturnBody = z.object({ version: Version.optional() }).strict();
export type SubmitReturnBody = z.infer<typeof SubmitReturnBody>;

const Comment = z.string().trim().min(1, "must say what needs changing").max(5000, "must be at most 5000 characters");
export const AcceptReturnBody = z.object({ version: Version, comment: Comment.optional() }).strict();
export const SendBackReturnBody = z.object({ version: Version, comment: Comment }).strict();
export type DecideReturnBody = { version: number; comment?: string | undefined };

export const DistrictSubmitBody = z.object({}).strict();

/** The answers are shared with the web app (@accord/domain monitoring-api.ts). */
export { ReturnListView as ReturnList, ReturnStatus, ReturnSummary, ReturnValue, ReturnView } from "@accord/domain";
