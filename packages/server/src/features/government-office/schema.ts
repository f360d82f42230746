/** What the Government Office view and the same indicator across agreements accept and answer (issue 10 §5). */
import { z } from "zod";
import { regionCodes } from "@accord/domain";
import { IndicatorKey } from "../../http/route-schemas.js";

const Region = z.enum(regionCodes, { error: `must be a Government Office region: ${regionCodes.join(", ")}` });

export const OverviewQuery = z.object({ region: Region.optional() }).strict();
export type OverviewQuery = z.infer<typeof OverviewQuery>;

export const AcrossAgreementsParams = z.object({ key: IndicatorKey });
export const AcrossAgreementsQuery = z.object({ region: Region.optional(), format: z.enum(["json", "csv"]).default("json") }).strict();
export type AcrossAgreementsQuery = z.infer<typeof AcrossAgreementsQuery>;

// The answers are shaped once, in @accord/domain, so the web app reads them with the same schemas.
export { AcrossAgreementsRow, AcrossAgreementsView, OverviewAgreement, OverviewView, RegionView } from "@accord/domain";
