/**
 * An agreement's consultation diary as the API answers it (seed 003 §2, Appendix 6): shaped once,
 * here, so the server answers with it and the web app reads with it.
 */
import { z } from "zod";

export const consultationKinds = ["workshop", "briefing", "position statement", "meeting", "report"] as const;
export type ConsultationKind = (typeof consultationKinds)[number];

export const ConsultationEventView = z.object({
  id: z.number().int(),
  date: z.string(),
  /** When, in the documents' words, where they give no exact day; shown instead of the date. */
  whenWritten: z.string().nullable(),
  kind: z.enum(consultationKinds),
  title: z.string(),
  audience: z.string().nullable(),
  organisationsInvited: z.array(z.string()),
  numberConsulted: z.number().int().nullable(),
  numberConsultedIsMinimum: z.boolean(),
  outcome: z.string().nullable(),
  documents: z.array(z.string()),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ConsultationEventView = z.infer<typeof ConsultationEventView>;

export const ConsultationDiaryView = z.object({
  agreement: z.object({ slug: z.string(), name: z.string() }),
  mayEdit: z.boolean(),
  events: z.array(ConsultationEventView),
});
export type ConsultationDiaryView = z.infer<typeof ConsultationDiaryView>;
