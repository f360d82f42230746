/** What the consultation diary's routes take and give (seed 003 §2, Appendix 6). */
import { z } from "zod";
import { consultationKinds } from "@accord/domain";

const Version = z.number({ error: "must be the version number you read" }).int("must be a whole number").min(1, "must be 1 or more");
const Words = (max: number) => z.string({ error: "must be text" }).trim().max(max, `must be at most ${max} characters`);
const Optional = (max: number) =>
  Words(max)
    .nullable()
    .transform((value) => (value === "" ? null : value));
const Titles = z.array(Words(300).min(1, "must not be empty"), { error: "must be a list of names" }).max(100, "must list at most 100");

/** A consultation event as a manager writes it; who and when come from the session. */
const EventFields = {
  date: z
    .string({ error: "must be a date such as 2008-04-23" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2008-04-23")
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "must be a real date"),
  whenWritten: Optional(120),
  kind: z.enum(consultationKinds, { error: `must be one of: ${consultationKinds.join(", ")}` }),
  title: Words(300).min(1, "must say what the event was"),
  audience: Optional(500),
  organisationsInvited: Titles,
  numberConsulted: z.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be 0 or more").max(1_000_000, "must be at most 1000000").nullable(),
  numberConsultedIsMinimum: z.boolean({ error: "must be true or false" }),
  outcome: Optional(4000),
  documents: Titles,
};

export const ConsultationEventBody = z
  .object({
    ...EventFields,
    whenWritten: EventFields.whenWritten.default(null),
    audience: EventFields.audience.default(null),
    organisationsInvited: EventFields.organisationsInvited.default([]),
    numberConsulted: EventFields.numberConsulted.default(null),
    numberConsultedIsMinimum: EventFields.numberConsultedIsMinimum.default(false),
    outcome: EventFields.outcome.default(null),
    documents: EventFields.documents.default([]),
  })
  .strict();
export type ConsultationEventBody = z.infer<typeof ConsultationEventBody>;

/** A change: the version you read, and only the fields that change. */
export const ConsultationEventChange = z
  .object({
    version: Version,
    date: EventFields.date.optional(),
    whenWritten: EventFields.whenWritten.optional(),
    kind: EventFields.kind.optional(),
    title: EventFields.title.optional(),
    audience: EventFields.audience.optional(),
    organisationsInvited: EventFields.organisationsInvited.optional(),
    numberConsulted: EventFields.numberConsulted.optional(),
    numberConsultedIsMinimum: EventFields.numberConsultedIsMinimum.optional(),
    outcome: EventFields.outcome.optional(),
    documents: EventFields.documents.optional(),
  })
  .strict();
export type ConsultationEventChange = z.infer<typeof ConsultationEventChange>;

export const ConsultationEventParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2"),
  id: z.coerce.number({ error: "must be an event number" }).int("must be an event number").min(1, "must be an event number").max(2147483647, "must be an event number"),
});

export { ConsultationDiaryView, ConsultationEventView } from "@accord/domain";
