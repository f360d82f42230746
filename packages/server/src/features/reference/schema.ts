/** What the catalogue routes accept; every field checked by zod at the edge. */
import { z } from "zod";
import { Polarity } from "@accord/domain";

const Title = z.string().trim().min(1, "must not be empty").max(300, "must be at most 300 characters");
const Unit = z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters");
const Department = z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters");
const Note = z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters");
/** A catalogue entry belongs to a national set; a local indicator is added to its agreement instead. */
const CatalogueSource = z.enum(["national-indicator-set", "lpsa2"], { error: "must be national-indicator-set or lpsa2 (add a local indicator to its agreement)" });

export const IndicatorKeyParams = z.object({ key: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an indicator key such as ni-47") });

export const CatalogueQuery = z
  .object({
    q: z.string().trim().max(200, "must be at most 200 characters").optional(),
    department: Department.optional(),
    source: z.enum(["national-indicator-set", "lpsa2", "local"], { error: "must be national-indicator-set, lpsa2 or local" }).optional(),
    page: z.coerce.number({ error: "must be a page number" }).int("must be a whole number").min(1, "must be 1 or more").default(1),
    limit: z.coerce.number({ error: "must be a number of entries" }).int("must be a whole number").min(1, "must be 1 or more").max(500, "must be at most 500").default(50),
  })
  .strict();
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

export const CreateIndicatorBody = z
  .object({
    code: z.string().trim().regex(/^(NI \d{1,3}|[A-Za-z0-9][A-Za-z0-9 .\-/]{0,39})$/, "must be an indicator code such as NI 199"),
    title: Title,
    source: CatalogueSource.default("national-indicator-set"),
    unit: Unit.optional(),
    polarity: Polarity.default("unknown"),
    department: Department.optional(),
    /** Where the title and facts come from (a document, a page). */
    titleSource: Note,
    note: Note.optional(),
  })
  .strict();
export type CreateIndicatorBody = z.infer<typeof CreateIndicatorBody>;

export const UpdateIndicatorBody = z
  .object({
    title: Title.optional(),
    unit: Unit.nullable().optional(),
    polarity: Polarity.optional(),
    department: Department.nullable().optional(),
    titleSource: Note.optional(),
    note: Note.nullable().optional(),
    version: z.number({ error: "must be the version number you read" }).int("must be a whole number").positive("must be 1 or more"),
  })
  .strict();
export type UpdateIndicatorBody = z.infer<typeof UpdateIndicatorBody>;

/** Organisations by name or alias, a page at a time: a country of agreements has thousands of partners. */
export const OrganisationQuery = z
  .object({
    q: z.string().trim().max(200, "must be at most 200 characters").optional(),
    page: z.coerce.number({ error: "must be a page number" }).int("must be a whole number").min(1, "must be 1 or more").default(1),
    limit: z.coerce
      .number({ error: "must be a number of organisations" })
      .int("must be a whole number")
      .min(1, "must be 1 or more")
      .max(500, "must be at most 500")
      .default(200),
  })
  .strict();
export type OrganisationQuery = z.infer<typeof OrganisationQuery>;
