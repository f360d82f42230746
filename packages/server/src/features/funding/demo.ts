/** data/funding-streams.yaml: the funding streams the seeds name, with no amounts (the seed's appendix is missing). */
import { z } from "zod";
import type { Tx } from "../audit/record.js";
import { insertFundingStreams } from "./service.js";

export const fundingStreamsFileName = "funding-streams.yaml";

const Text = z.string().min(1).nullable().default(null);

export const FundingStreamsFile = z
  .object({
    agreements: z.array(
      z
        .object({
          agreement: z.string(),
          streams: z.array(
            z
              .object({
                name: z.string().min(1),
                department: Text,
                kind: z.enum(["pooled", "aligned", "mainstream"]).nullable().default(null),
                blockOrOutcome: Text,
                advanceDesignation: z.boolean().default(false),
                note: Text,
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type FundingStreamsFile = z.infer<typeof FundingStreamsFile>;

/** Writes an agreement's funding streams from the file, when the file names the agreement. */
export async function loadDemoFundingStreams(tx: Tx, file: FundingStreamsFile | undefined, slug: string, agreementId: number): Promise<void> {
  const entry = file?.agreements.find((one) => one.agreement === slug);
  if (entry) await insertFundingStreams(tx, agreementId, entry.streams);
}
