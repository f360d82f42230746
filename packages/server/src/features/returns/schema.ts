/**
 * What a monitoring return accepts and answers (seed 000 §11: per indicator a data collection and
 * a text update, by its accountable officer); every field checked by zod at the edge.
 */
import { z } from "zod";
import { performanceStatuses } from "@accord/domain";
import { returnStatuses } from "../../db/schema/monitoring.js";
import { IndicatorKey } from "../../http/route-schemas.js";
import { ObservationView } from "../observations/schema.js";
import { RoundParams, RoundView } from "../rounds/schema.js";

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

export const ReturnStatus = z.enum(["missing", ...returnStatuses]);
export type ReturnStatus = z.infer<typeof ReturnStatus>;

export const ReturnSummary = z.object({
  indicator: z.string(),
  key: z.string(),
  title: z.string(),
  theme: z.string(),
  status: ReturnStatus,
  /** Not submitted (or accepted) and past the due date, or submitted after it. */
  late: z.boolean(),
  updatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type ReturnSummary = z.infer<typeof ReturnSummary>;

export const ReturnList = z.object({ round: RoundView, returns: z.array(ReturnSummary) });
export type ReturnList = z.infer<typeof ReturnList>;

/** A value of the return, with the district coordinator's submission that covers it (null when none does). */
export const ReturnValue = ObservationView.extend({ submittedBy: z.string().nullable(), submittedAt: z.string().nullable() });
export type ReturnValue = z.infer<typeof ReturnValue>;

export const ReturnView = z.object({
  round: RoundView,
  indicator: z.string(),
  key: z.string(),
  title: z.string(),
  status: ReturnStatus,
  progress: z.string().nullable(),
  issuesAndRisks: z.string().nullable(),
  nextActions: z.string().nullable(),
  selfAssessedStatus: z.enum(performanceStatuses).nullable(),
  computedStatus: z.enum(performanceStatuses),
  managerComment: z.string().nullable(),
  values: z.array(ReturnValue),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int().nullable(),
  /** What the reader may do now: write the text update, submit, accept or return, and which districts' values they may give. */
  may: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean(), recordDistrict: z.array(z.string()) }),
});
export type ReturnView = z.infer<typeof ReturnView>;
