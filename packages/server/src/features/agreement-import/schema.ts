/** What POST /api/agreements/import accepts and answers (issue 10 point 4); checked by zod at the edge. */
import { z } from "zod";
import { AgreementIndicatorKind } from "@accord/domain";

/** "true" / "false" as a query string writes them. */
const Flag = z.enum(["true", "false"]).transform((value) => value === "true");

export const ImportAgreementQuery = z
  .object({
    /** Read the table and show every row and problem; create nothing. */
    dryRun: Flag.default(false),
    slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "must be lower-case letters, digits and hyphens, such as northshire-laa").optional(),
    name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
    area: z.string().trim().regex(/^[A-Z0-9]{4,12}$/, "must be an ONS area code such as E10000016").optional(),
    fileName: z.string().trim().min(1).max(200, "must be at most 200 characters").optional(),
  })
  .strict();

const Problem = z.object({ row: z.number().int().nullable(), column: z.string().nullable(), message: z.string(), text: z.string() });

const PreviewRow = z.object({
  row: z.number().int(),
  theme: z.string(),
  code: z.string(),
  title: z.string().nullable(),
  /** The code is in the catalogue already; otherwise it is added, marked unknown. */
  catalogued: z.boolean(),
  nationalIndicatorSet: z.boolean(),
  kind: AgreementIndicatorKind,
  /** The baseline cell as the agreement will show it. */
  baseline: z.array(z.string()),
  baselines: z.array(z.object({ component: z.string(), value: z.string(), unit: z.string().nullable(), period: z.string().nullable(), written: z.string() })),
  /** Per year of the table: the target as written and how Accord reads it ("All: 2% increase"). */
  targets: z.array(z.object({ year: z.string(), written: z.array(z.string()), read: z.array(z.string()) })),
  targetNote: z.string().nullable(),
  partners: z.array(z.object({ name: z.string(), role: z.enum(["lead", "statutory", "non-statutory"]), detail: z.string().nullable(), known: z.boolean() })),
  notes: z.array(z.string()),
});

export const ImportPreview = z.object({
  dryRun: z.boolean(),
  created: z.boolean(),
  agreement: z.object({
    slug: z.string(),
    name: z.string(),
    area: z.object({ code: z.string(), name: z.string() }).nullable(),
    responsibleAuthority: z.string().nullable(),
    governmentOffice: z.string().nullable(),
    years: z.array(z.string()),
    status: z.literal("draft"),
  }),
  rows: z.array(PreviewRow),
  problems: z.array(Problem),
  newIndicators: z.array(z.object({ code: z.string(), title: z.string().nullable() })),
  newOrganisations: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
