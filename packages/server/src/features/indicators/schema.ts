/** What the indicator write routes accept; every field checked by zod at the edge. */
import { z } from "zod";
import { Decimal, FinancialYear, IsoDate, SignUpRole, TargetForm } from "@accord/domain";

const Component = z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters");
const Wording = z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters");
const ShortText = z.string().trim().max(500, "must be at most 500 characters");
const Version = z.number({ error: "must be the version number you read" }).int("must be a whole number").positive("must be 1 or more");

export const SetTargetBody = z
  .object({
    year: FinancialYear,
    component: Component.default("all"),
    target: TargetForm,
    /** Left out, the wording follows the figures ("50% reduction"). */
    written: Wording.optional(),
    writtenValue: Decimal.optional(),
    /** The version you read; absent only when the target is new. */
    version: Version.optional(),
  })
  .strict();

export const SetBaselineBody = z
  .object({
    component: Component.default("all"),
    value: Decimal,
    unit: ShortText.optional(),
    period: ShortText.optional(),
    source: ShortText.optional(),
    /** Left out (or sent back unchanged with a new value), the wording follows the value and unit. */
    written: Wording.optional(),
    version: Version.optional(),
  })
  .strict();

export const PendingBaselineBody = z
  .object({
    reason: z.string().trim().min(1, "must say why the baseline cannot be set yet").max(1000, "must be at most 1000 characters"),
    expectedBy: IsoDate.optional(),
    written: Wording.optional(),
    /** The version you read; absent only when no pending reason is recorded yet. */
    version: Version.optional(),
  })
  .strict();

export const SignUpBody = z
  .object({
    organisation: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an organisation slug such as kent-police"),
    role: SignUpRole,
    detail: ShortText.optional(),
  })
  .strict();

export const SignUpParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  key: z.string().regex(/^[a-z0-9-]{1,80}$/),
  organisation: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an organisation slug"),
  role: SignUpRole,
});

export const CommentBody = z.object({ body: z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters") }).strict();

export { CommentView, HistoryEntryView, HistoryView } from "@accord/domain";

/** A page of a history: an indicator changed every fortnight for years has hundreds of entries. */
export const HistoryQuery = z
  .object({
    page: z.coerce.number({ error: "must be a page number" }).int("must be a whole number").min(1, "must be 1 or more").default(1),
    limit: z.coerce
      .number({ error: "must be a number of changes" })
      .int("must be a whole number")
      .min(1, "must be 1 or more")
      .max(500, "must be at most 500")
      .default(100),
  })
  .strict();
export type HistoryQuery = z.infer<typeof HistoryQuery>;
