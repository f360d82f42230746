/** What recording an observation accepts; every field checked by zod at the edge. */
import { z } from "zod";
import { Decimal } from "@accord/domain";
import { observationStatuses } from "../../db/schema/monitoring.js";

const ShortText = z.string().trim().max(500, "must be at most 500 characters");

export const RecordObservationBody = z
  .object({
    /** "2008/09 H1", "2008/09", "Place Survey autumn 2008"… (reporting-periods.ts). */
    period: z
      .string()
      .trim()
      .min(1, "must name a period such as 2008/09 H1")
      .max(100, "must be at most 100 characters"),
    /** ONS code of Kent or one of its districts: current (E07000114) or as used then (29UN). */
    area: z
      .string()
      .trim()
      .min(1, "must be an ONS area code such as E10000016")
      .max(20, "must be at most 20 characters"),
    component: z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters").default("all"),
    value: Decimal,
    numerator: Decimal.optional(),
    denominator: Decimal.optional(),
    status: z.enum(observationStatuses).default("provisional"),
    source: ShortText.optional(),
    note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
    /**
     * Values are collected in an open monitoring round ("no interim updates", seed 000 §11);
     * outside one only a manager may record a value, as a correction with its reason.
     */
    correctionReason: z
      .string()
      .trim()
      .min(1, "must say why the value is corrected outside a monitoring round")
      .max(2000, "must be at most 2000 characters")
      .optional(),
    /** The version you read; absent only when there is no value yet for this period, area and component. */
    version: z
      .number({ error: "must be the version number you read" })
      .int("must be a whole number")
      .positive("must be 1 or more")
      .optional(),
  })
  .strict();
export type RecordObservationBody = z.infer<typeof RecordObservationBody>;

export const ObservationsQuery = z
  .object({ component: z.string().trim().min(1, "must name a component such as all").max(40, "must be at most 40 characters").optional() })
  .strict();

/** The answers are shared with the web app (@accord/domain monitoring-api.ts). */
export { IndicatorObservationsView, ObservationView } from "@accord/domain";
