/**
 * DHIS2 dataValueSets as the DHIS2 Web API documents them ("Data values"), and what Accord's
 * routes for them accept and answer; checked by zod at the edge.
 */
import { z } from "zod";
import { ApiError } from "@accord/domain";
import { apiErrors } from "../../http/route-schemas.js";
import { RoundParams } from "../rounds/schema.js";
import { dhis2Kinds } from "./identifiers.js";

const Identifier = z.string().trim().max(200, "must be at most 200 characters");

/**
 * A value may be sent as a JSON string (as DHIS2 exports it) or a number. A JSON number has
 * already been read as a binary float by the time it gets here; its shortest decimal form is
 * taken, which is exact for any value with up to 15 significant digits.
 */
const Value = z.union([z.string().max(100, "must be at most 100 characters"), z.number(), z.null()]);

/** One data value; the period, org unit and attribute option combo may come from the set instead. */
export const DataValue = z.object({
  dataElement: Identifier.optional(),
  period: Identifier.optional(),
  orgUnit: Identifier.optional(),
  categoryOptionCombo: Identifier.optional(),
  attributeOptionCombo: Identifier.optional(),
  value: Value.optional(),
  storedBy: z.string().max(500).optional(),
  created: z.string().max(100).optional(),
  lastUpdated: z.string().max(100).optional(),
  comment: z.string().max(2000, "must be at most 2000 characters").nullable().optional(),
  followup: z.boolean().optional(),
  followUp: z.boolean().optional(),
  deleted: z.boolean().optional(),
});
export type DataValue = z.infer<typeof DataValue>;

export const idSchemes = ["uid", "code"] as const;
const IdScheme = z.preprocess((text) => (typeof text === "string" ? text.toLowerCase() : text), z.enum(idSchemes));

/** A data value set in JSON; other DHIS2 properties (dataSet, completeDate…) are allowed and not used. */
export const DataValueSet = z.object({
  dataSet: Identifier.optional(),
  completeDate: z.string().max(100).optional(),
  period: Identifier.optional(),
  orgUnit: Identifier.optional(),
  attributeOptionCombo: Identifier.optional(),
  idScheme: IdScheme.optional(),
  dataValues: z.array(DataValue).max(100_000, "must have at most 100,000 values"),
});
export type DataValueSet = z.infer<typeof DataValueSet>;

const Flag = z.enum(["true", "false"]).transform((text) => text === "true");

export const ImportQuery = z
  .object({
    /** Check everything and report the counts, write nothing. */
    dryRun: Flag.default(false),
    /** uid (the default, as DHIS2): identifiers are DHIS2 UIDs; code: Accord's own codes (NI 47, E07000114, all, kent-ka2). */
    idScheme: IdScheme.optional(),
  })
  .strict();

export const ImportConflict = z.object({
  /** The identifier or text at fault, as the file has it. */
  object: z.string(),
  /** What is wrong with it. */
  value: z.string(),
  /** Which property of the data value: dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo, value. */
  property: z.string(),
  /** Which data values (counted from 0, in the file's order). */
  indexes: z.array(z.number().int()),
});

/** The answer to an import, as DHIS2's import summary has it. */
export const ImportSummary = z.object({
  responseType: z.literal("ImportSummary"),
  /** SUCCESS: every value was checked (and, unless a dry run, written); ERROR: the file was refused whole. */
  status: z.enum(["SUCCESS", "ERROR"]),
  description: z.string(),
  dryRun: z.boolean(),
  importCount: z.object({
    imported: z.number().int(),
    updated: z.number().int(),
    ignored: z.number().int(),
    deleted: z.number().int(),
  }),
  conflicts: z.array(ImportConflict),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const importErrors = { ...apiErrors, 409: ImportSummary, 413: ApiError, 415: ApiError };

export const exportFormats = ["json", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const ExportQuery = z.object({ format: z.enum(exportFormats).default("json") }).strict();
export const ExportParams = RoundParams;

export const Dhis2ObjectView = z.object({
  kind: z.enum(dhis2Kinds),
  code: z.string(),
  name: z.string(),
  id: z.string(),
  set: z.boolean(),
});

export const IdentifiersView = z.object({
  /** Send it back with a change; a change based on an older one is refused (409). */
  version: z.number().int(),
  identifiers: z.array(Dhis2ObjectView),
});

export const SetIdentifiersBody = z
  .object({
    version: z.number({ error: "must be the version you read" }).int("must be a whole number").min(0, "must be 0 or more"),
    changes: z
      .array(
        z
          .object({
            kind: z.enum(dhis2Kinds),
            code: z.string().trim().min(1, "must name the thing, e.g. NI 47").max(200),
            /** null: back to the identifier Accord derives from the code. */
            id: z.string().trim().max(200).nullable(),
          })
          .strict(),
      )
      .min(1, "must give at least one change")
      .max(2000, "must have at most 2000 changes"),
  })
  .strict();
