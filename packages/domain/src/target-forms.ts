/**
 * The forms a yearly target takes in the seeds, stored structured with the wording as written
 * kept beside it (DESIGN.md "Targets").
 */
import { z } from "zod";
import { Decimal } from "./vocabulary.js";

export const targetFormNames = ["absolute", "relative", "cumulative", "level", "maintain"] as const;
export type TargetFormName = (typeof targetFormNames)[number];

/** "5744", "66.7", "9.6%": the target is the number itself. */
export const AbsoluteTarget = z.object({ form: z.literal("absolute"), value: Decimal }).strict();

/**
 * "50% reduction", "2% increase": a change relative to the baseline. changeUnit "percent" means
 * per cent of the baseline (1183 less 50% = 591.5); "points" means percentage points
 * (NI 198: 44% car, -5 points = 39%).
 */
export const RelativeTarget = z
  .object({
    form: z.literal("relative"),
    direction: z.enum(["increase", "reduction"]),
    change: Decimal,
    changeUnit: z.enum(["percent", "points"]),
  })
  .strict();

/** "+1356, +1503 = 2859, +1425 = 4284": an increment added to the running total from the baseline. */
export const CumulativeTarget = z.object({ form: z.literal("cumulative"), increment: Decimal }).strict();

/** "Level 3" on a staged indicator such as NI 188. */
export const LevelTarget = z.object({ form: z.literal("level"), level: Decimal }).strict();

/** "Maintain at 42%". */
export const MaintainTarget = z.object({ form: z.literal("maintain"), value: Decimal }).strict();

export const TargetForm = z.discriminatedUnion("form", [
  AbsoluteTarget,
  RelativeTarget,
  CumulativeTarget,
  LevelTarget,
  MaintainTarget,
]);
export type TargetForm = z.infer<typeof TargetForm>;
