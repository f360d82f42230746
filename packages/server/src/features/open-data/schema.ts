/** What the open data reads accept and answer (issue 10 §1, §3). */
import { z } from "zod";
import { openDataMeasures } from "@accord/domain";
import type { OpenDataColumnName } from "@accord/domain";
import { AgreementSlug, IndicatorKey } from "../../http/route-schemas.js";

export const OpenDataMeasure = z.enum(openDataMeasures);

/** Narrowing the file: one indicator, one kind of value. */
export const OpenDataQuery = z
  .object({
    indicator: IndicatorKey.optional(),
    measure: OpenDataMeasure.optional(),
  })
  .strict();
export type OpenDataQuery = z.infer<typeof OpenDataQuery>;

const text = z.string();
const empty = z.string().nullable();

/** One value; the keys are the data dictionary's column names (domain open-data.ts), checked by the compiler. */
const rowShape = {
  agreement: text,
  indicator_code: text,
  indicator_title: text,
  measure: OpenDataMeasure,
  component: text,
  area_code: text,
  area_name: text,
  period: empty,
  period_start: empty,
  period_end: empty,
  value: empty,
  numerator: empty,
  denominator: empty,
  unit: empty,
  status: empty,
  source: empty,
  written: empty,
} satisfies Record<OpenDataColumnName, z.ZodType>;
export const OpenDataRow = z.object(rowShape).strict();
export type OpenDataRow = z.infer<typeof OpenDataRow>;

/** The indicator definitions the values are for, so the JSON stands on its own. */
export const OpenDataIndicator = z.object({
  code: z.string(),
  key: z.string(),
  title: z.string(),
  kind: z.enum(["designated", "statutory", "primary", "secondary", "local"]),
  state: z.enum(["active", "omitted"]),
  theme: z.string(),
  unit: z.string().nullable(),
  polarity: z.enum(["higher-is-better", "lower-is-better", "band", "unknown"]),
  nationalIndicatorSet: z.boolean(),
  dataSource: z.string().nullable(),
});
export type OpenDataIndicator = z.infer<typeof OpenDataIndicator>;

export const OpenDataView = z.object({
  agreement: z.object({ slug: z.string(), name: z.string(), area: z.object({ code: z.string(), name: z.string() }) }),
  /** Where the columns are described, for a reader who finds the file on its own. */
  dictionary: z.string(),
  /** True when the reader sees published rounds' values only (the public). */
  publishedRoundsOnly: z.boolean(),
  indicators: z.array(OpenDataIndicator),
  values: z.array(OpenDataRow),
});
export type OpenDataView = z.infer<typeof OpenDataView>;

export const OpenSdgParams = z.object({ slug: AgreementSlug, key: IndicatorKey });
