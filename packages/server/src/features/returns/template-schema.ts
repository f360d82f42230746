/** What the return template routes accept and answer; checked by zod at the edge. */
import { z } from "zod";
import { ApiError } from "@accord/domain";
import { apiErrors } from "../../http/route-schemas.js";
import { templateFormats } from "./template-files.js";

export const TemplateQuery = z.object({ format: z.enum(templateFormats).default("xlsx") }).strict();

const UploadedValue = z.object({
  period: z.string(),
  area: z.string(),
  component: z.string(),
  value: z.string(),
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
  status: z.enum(["provisional", "final"]),
  source: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
});

export const UploadReport = z.object({
  round: z.string(),
  /** Rows written: new or changed values. */
  written: z.number().int(),
  /** Rows the same as what is recorded now, not written again. */
  unchanged: z.number().int(),
  /** Rows without a Value, which record nothing. */
  blank: z.number().int(),
  values: z.array(UploadedValue),
});

/** A refused upload: the error, and every bad row and cell (nothing was saved). */
export const UploadRefused = ApiError.extend({
  problems: z
    .array(
      z.object({
        row: z.number().int(),
        column: z.string(),
        reason: z.string(),
        /** For a stale row: the value as it is recorded now. */
        current: UploadedValue.nullable().optional(),
      }),
    )
    .optional(),
});

export const uploadErrors = { ...apiErrors, 400: UploadRefused, 409: UploadRefused, 413: ApiError, 415: ApiError };
