/** data/consultation-diary.yaml: the consultation events the seeds name, in the documents' words. */
import { z } from "zod";
import type { Tx } from "../audit/record.js";
import { ConsultationEventBody } from "./schema.js";
import { insertConsultationEvents } from "./service.js";

export const consultationDiaryFileName = "consultation-diary.yaml";

export const ConsultationDiaryFile = z
  .object({
    agreements: z.array(z.object({ agreement: z.string(), events: z.array(ConsultationEventBody) }).strict()),
  })
  .strict();
export type ConsultationDiaryFile = z.infer<typeof ConsultationDiaryFile>;

/** Writes an agreement's diary from the file, when the file names the agreement. */
export async function loadDemoConsultationDiary(tx: Tx, file: ConsultationDiaryFile | undefined, slug: string, agreementId: number): Promise<void> {
  const entry = file?.agreements.find((one) => one.agreement === slug);
  if (entry) await insertConsultationEvents(tx, agreementId, entry.events);
}
